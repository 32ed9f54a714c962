//! Profile corrections recorded when the programme closed its books, after every activity:
//! participants who now declare they are migrants, and people who moved. Breakdowns taken
//! "as they stood" must not apply these to what happened before.

use serde_json::json;

use super::clock::{on, CLOSING};
use super::dice::Dice;
use super::people::Person;
use super::places::{Municipality, PORTUGAL, SPAIN};
use super::plan::{Plan, Stage};

/// Plans the corrections: `late_migrants` declare their status; a few others move.
pub(crate) fn plan(plan: &mut Plan, dice: &mut Dice, people: &[Person], late_migrants: &[usize]) {
    for &i in late_migrants {
        let p = &people[i];
        let at = on(CLOSING + dice.between(0, 8), 10, 0);
        plan.push(
            Stage::Closing,
            &p.id,
            at,
            p.desk(),
            &p.id,
            json!({
                "type": "UpdateProfile", "migrant_status": "migrant",
            }),
        );
    }
    let mut moved = Vec::new();
    for _ in 0..15 {
        let i = dice.below(people.len());
        if late_migrants.contains(&i) || moved.contains(&i) {
            continue;
        }
        moved.push(i);
        let p = &people[i];
        let towns: &[(Municipality, u32)] = if p.portuguese() { PORTUGAL } else { SPAIN };
        let town = dice.weighted(towns);
        if town.name == p.home.name {
            continue;
        }
        let at = on(CLOSING + dice.between(0, 8), 11, 0);
        plan.push(
            Stage::Closing,
            &p.id,
            at,
            p.acting(),
            &p.id,
            json!({
                "type": "UpdateProfile", "municipality": town.name,
            }),
        );
    }
}
