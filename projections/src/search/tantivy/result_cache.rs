//! Answers of one index, kept until its reader next reloads.
//!
//! A search is a pure function of the searcher (the set of committed segments) and the
//! request, so an answer stays exact for as long as the searcher it was computed on is the
//! current one. Every commit, this process's or another's, reloads the reader and gives the
//! searcher a new generation id, which empties the cache: nothing stale is ever answered.
//! Under a load of registrations and enrolments the catalogues do not change, and the
//! popular searches are answered from memory instead of building their fuzzy automata again
//! (most of a search's time in a profile of the mixed load).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::search::types::{SearchRequest, SearchResults};

/// Answers kept per index; past it the cache starts again empty.
const CAPACITY: usize = 2_048;

#[derive(Debug, Default)]
pub(crate) struct ResultCache {
    inner: Mutex<Generation>,
}

#[derive(Debug, Default)]
struct Generation {
    id: u64,
    answers: HashMap<String, SearchResults>,
}

/// Debug text renders every field of the request, strings quoted: two requests share a key
/// only when they are equal.
fn key(request: &SearchRequest) -> String {
    format!("{request:?}")
}

impl ResultCache {
    pub(crate) fn get(&self, generation: u64, request: &SearchRequest) -> Option<SearchResults> {
        let inner = self.inner.lock().ok()?;
        if inner.id != generation {
            return None;
        }
        inner.answers.get(&key(request)).cloned()
    }

    pub(crate) fn put(&self, generation: u64, request: &SearchRequest, answer: &SearchResults) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.id != generation || inner.answers.len() >= CAPACITY {
            inner.answers.clear();
            inner.id = generation;
        }
        inner.answers.insert(key(request), answer.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(total: u64) -> SearchResults {
        SearchResults {
            total,
            ..SearchResults::default()
        }
    }

    #[test]
    fn it_answers_only_for_the_generation_it_was_filled_in() {
        let cache = ResultCache::default();
        let request = SearchRequest::query("cesto", 20);
        cache.put(7, &request, &answer(3));
        assert_eq!(cache.get(7, &request), Some(answer(3)));
        assert_eq!(cache.get(8, &request), None, "a new searcher empties it");
        assert_eq!(cache.get(7, &SearchRequest::query("cestos", 20)), None);
        cache.put(8, &request, &answer(4));
        assert_eq!(cache.get(7, &request), None, "the old generation is gone");
        assert_eq!(cache.get(8, &request), Some(answer(4)));
    }
}
