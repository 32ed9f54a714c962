use super::*;
use crate::testing::given;

fn day(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).expect("date")
}
use std::str::FromStr;

fn founder(id: &str) -> Actor {
    Actor::new(id, Role::Participant)
}

fn create_cmd() -> CreateBusiness {
    CreateBusiness {
        founder_ids: vec!["p1".into(), "p2".into()],
        name: "Sabores de Lepe".into(),
        sector: "Food".into(),
        legal_form: LegalForm::LimitedCompany,
        country: ProgrammeCountry::Es,
        municipality: "Lepe".into(),
        founded_on: day("2014-03-01"),
        ecommerce: true,
    }
}

fn create(cmd: CreateBusiness) -> BusinessCommand {
    BusinessCommand::Create {
        business: cmd,
        unregistered_founders: vec![],
    }
}

fn created() -> BusinessEvent {
    let c = create_cmd();
    BusinessEvent::BusinessCreated {
        founder_ids: c.founder_ids,
        name: c.name,
        sector: c.sector,
        legal_form: c.legal_form,
        country: c.country,
        municipality: c.municipality,
        founded_on: c.founded_on,
        ecommerce: c.ecommerce,
    }
}

fn closed() -> BusinessEvent {
    BusinessEvent::BusinessClosed {
        on: day("2015-01-31"),
        reason: "Moved".into(),
    }
}

fn jobs(direct: u32, indirect: u32, on: &str) -> BusinessCommand {
    BusinessCommand::RecordJobs(RecordJobs {
        direct,
        indirect,
        on: day(on),
    })
}

fn outside(name: &str, country: &str, cross_border: bool) -> BusinessCommand {
    BusinessCommand::FormB2BRelationship {
        relationship: FormB2BRelationship {
            counterpart: Counterpart::OutsideOrganisation {
                name: name.into(),
                country: country.into(),
            },
            kind: B2BKind::Supplier,
            cross_border,
        },
        platform: None,
    }
}

fn platform(facts: Option<PlatformCounterpart>) -> BusinessCommand {
    BusinessCommand::FormB2BRelationship {
        relationship: FormB2BRelationship {
            counterpart: Counterpart::PlatformBusiness {
                business_id: "b2".into(),
            },
            kind: B2BKind::Customer,
            cross_border: true,
        },
        platform: facts,
    }
}

fn faro(is_this_business: bool, closed: bool) -> Option<PlatformCounterpart> {
    Some(PlatformCounterpart {
        business_id: "b2".into(),
        is_this_business,
        name: "Algarve Tours".into(),
        country: ProgrammeCountry::Pt,
        closed,
        recorded_by_counterpart: vec![],
    })
}

#[test]
fn it_counts_a_relationship_recorded_by_the_other_business_once() {
    let mut counterpart = faro(false, false);
    if let Some(c) = counterpart.as_mut() {
        c.recorded_by_counterpart = vec![B2BKind::Supplier];
    }
    let mut relationship = FormB2BRelationship {
        counterpart: Counterpart::PlatformBusiness {
            business_id: "b2".into(),
        },
        kind: B2BKind::Customer,
        cross_border: true,
    };
    given::<Business>(&[created()])
        .when(BusinessCommand::FormB2BRelationship {
            relationship: relationship.clone(),
            platform: counterpart.clone(),
        })
        .then_rule("b2b_relationship_exists");
    relationship.kind = B2BKind::Partner;
    given::<Business>(&[created()])
        .when(BusinessCommand::FormB2BRelationship {
            relationship,
            platform: counterpart,
        })
        .then_accepted();
}

#[test]
fn it_creates_a_business_for_staff_or_for_its_only_founder() {
    let state = given::<Business>(&[])
        .when(create(create_cmd()))
        .then(&[created()]);
    assert_eq!((state.status, state.version), (BusinessStatus::Active, 1));
    let mut alone = create_cmd();
    alone.founder_ids = vec!["p2".into()];
    given::<Business>(&[])
        .when_by(&founder("p2"), create(alone))
        .then_accepted();
    // A participant cannot make someone else a co-founder: that puts the business in the other
    // person's journey and indicators. Staff record co-founders.
    given::<Business>(&[])
        .when_by(&founder("p2"), create(create_cmd()))
        .then_forbidden();
}

#[test]
fn it_needs_registered_distinct_founders_among_whom_the_creator_is() {
    let mut cmd = create_cmd();
    cmd.founder_ids.clear();
    given::<Business>(&[])
        .when(create(cmd))
        .then_invalid("founder_ids");
    let mut cmd = create_cmd();
    cmd.founder_ids.push("p1".into());
    given::<Business>(&[])
        .when(create(cmd))
        .then_invalid("founder_ids");
    given::<Business>(&[])
        .when_by(&founder("p3"), create(create_cmd()))
        .then_forbidden();
    given::<Business>(&[])
        .when(BusinessCommand::Create {
            business: create_cmd(),
            unregistered_founders: vec!["p2".into()],
        })
        .then_rule("founder_not_registered");
    given::<Business>(&[created()])
        .when(create(create_cmd()))
        .then_rule("business_already_exists");
}

#[test]
fn it_adds_up_direct_and_indirect_jobs() {
    let first = BusinessEvent::BusinessJobsRecorded {
        direct: 2,
        indirect: 1,
        on: day("2014-06-01"),
        direct_total: 2,
        indirect_total: 1,
        country: ProgrammeCountry::Es,
    };
    given::<Business>(&[created()])
        .when_by(&founder("p1"), jobs(2, 1, "2014-06-01"))
        .then(std::slice::from_ref(&first));
    let state = given::<Business>(&[created(), first])
        .when(jobs(1, 0, "2014-09-01"))
        .then(&[BusinessEvent::BusinessJobsRecorded {
            direct: 1,
            indirect: 0,
            on: day("2014-09-01"),
            direct_total: 3,
            indirect_total: 1,
            country: ProgrammeCountry::Es,
        }]);
    assert_eq!((state.direct_jobs, state.indirect_jobs), (3, 1));
}

#[test]
fn it_refuses_no_jobs_jobs_before_founding_and_strangers() {
    given::<Business>(&[created()])
        .when(jobs(0, 0, "2014-06-01"))
        .then_invalid("direct");
    given::<Business>(&[created()])
        .when(jobs(1, 0, "2014-02-28"))
        .then_rule("date_before_founding");
    given::<Business>(&[created()])
        .when_by(&founder("p9"), jobs(1, 0, "2014-06-01"))
        .then_forbidden();
    given::<Business>(&[])
        .when(jobs(1, 0, "2014-06-01"))
        .then_not_found();
}

#[test]
fn it_forms_b2b_relationships_with_outside_organisations() {
    let state = given::<Business>(&[created()])
        .when(outside("Frutas do Sul", "pt", true))
        .then(&[BusinessEvent::BusinessB2BRelationshipFormed {
            counterpart_business_id: None,
            counterpart_name: "Frutas do Sul".into(),
            counterpart_country: CountryCode::parse("c", "PT").expect("code"),
            kind: B2BKind::Supplier,
            cross_border: true,
        }]);
    given::<Business>(&[created(), state_event(&state)])
        .when(outside("frutas do sul", "PT", true))
        .then_rule("b2b_relationship_exists");
    given::<Business>(&[created()])
        .when(outside("Frutas", "ES", true))
        .then_rule("cross_border_mismatch");
    given::<Business>(&[created()])
        .when(outside("Frutas", "Portugal", true))
        .then_invalid("counterpart.country");
}

fn state_event(state: &Business) -> BusinessEvent {
    let r = &state.relationships[0];
    BusinessEvent::BusinessB2BRelationshipFormed {
        counterpart_business_id: r.counterpart_business_id.clone(),
        counterpart_name: r.counterpart_name.clone(),
        counterpart_country: r.counterpart_country.clone(),
        kind: r.kind,
        cross_border: r.cross_border,
    }
}

#[test]
fn it_forms_b2b_relationships_with_other_open_platform_businesses() {
    given::<Business>(&[created()])
        .when(platform(faro(false, false)))
        .then(&[BusinessEvent::BusinessB2BRelationshipFormed {
            counterpart_business_id: Some("b2".into()),
            counterpart_name: "Algarve Tours".into(),
            counterpart_country: CountryCode::parse("c", "PT").expect("code"),
            kind: B2BKind::Customer,
            cross_border: true,
        }]);
    given::<Business>(&[created()])
        .when(platform(None))
        .then_not_found();
    given::<Business>(&[created()])
        .when(platform(faro(true, false)))
        .then_rule("b2b_with_itself");
    given::<Business>(&[created()])
        .when(platform(faro(false, true)))
        .then_rule("counterpart_business_closed");
}

#[test]
fn it_restructures_into_a_new_version_that_continues() {
    let state = given::<Business>(&[created()])
        .when(BusinessCommand::Restructure(RestructureBusiness {
            name: Some("Sabores SL".into()),
            legal_form: None,
            note: "New partner capital".into(),
        }))
        .then(&[BusinessEvent::BusinessRestructured {
            version: 2,
            name: "Sabores SL".into(),
            legal_form: LegalForm::LimitedCompany,
            note: "New partner capital".into(),
        }]);
    assert_eq!(state.status, BusinessStatus::Active);
}

#[test]
fn it_allows_nothing_after_closure() {
    given::<Business>(&[created()])
        .when(BusinessCommand::Close(CloseBusiness {
            on: day("2015-01-31"),
            reason: "Moved".into(),
        }))
        .then(&[closed()]);
    given::<Business>(&[created()])
        .when(BusinessCommand::Close(CloseBusiness {
            on: day("2013-01-31"),
            reason: "Never started".into(),
        }))
        .then_rule("date_before_founding");
    let past = [created(), closed()];
    given::<Business>(&past)
        .when(jobs(1, 0, "2015-02-01"))
        .then_rule("business_closed");
    given::<Business>(&past)
        .when(outside("X", "PT", true))
        .then_rule("business_closed");
    given::<Business>(&past)
        .when(BusinessCommand::Restructure(RestructureBusiness {
            name: None,
            legal_form: None,
            note: "revive".into(),
        }))
        .then_rule("business_closed");
    given::<Business>(&past)
        .when(BusinessCommand::Close(CloseBusiness {
            on: day("2015-02-01"),
            reason: "again".into(),
        }))
        .then_rule("business_closed");
}

#[test]
fn it_concerns_every_founder() {
    let subjects = given::<Business>(&[created()])
        .when(jobs(1, 0, "2014-06-01"))
        .subjects();
    assert_eq!(subjects, vec!["p1".to_owned(), "p2".to_owned()]);
}
