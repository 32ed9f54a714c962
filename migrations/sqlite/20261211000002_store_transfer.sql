-- Progress of `ruta migrate-store` into this store (see store/src/transfer.rs): which source
-- is being copied and through which global position, so an interrupted copy resumes and a
-- store holding other events is refused.
CREATE TABLE store_transfer
(
    source         text    NOT NULL,
    copied_through integer NOT NULL,
    finished       integer NOT NULL
);
