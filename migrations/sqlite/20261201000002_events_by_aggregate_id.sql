-- A batch reads ahead every stream of the ids it names, whatever their aggregate type.
CREATE INDEX events_by_aggregate_id ON events (aggregate_id);
