//! Group commit: commands that arrive while a transaction is being written wait for the next
//! one and share it, so a burst of N commands costs one fsync, not N.
//!
//! One task per [`Database`](crate::Database) takes every waiting commit, writes them all in
//! one multi-row insert and answers each with its positions. When that insert is refused (a
//! lost race on one aggregate, a command id taken twice) the group is written again with
//! one savepoint per commit, so only the commits at fault are answered with a conflict. No
//! answer is sent before the transaction has committed.

use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};

use crate::append::{append_all, append_each};
use crate::{Appended, Commit, StoreError, WritePool};

/// Most commits written in one transaction.
const MAX_GROUP: usize = 512;

type Answer = Result<Appended, StoreError>;
type Request = (Commit, oneshot::Sender<Answer>);

/// The handle to a database's commit task, started on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupCommit {
    sender: Arc<Mutex<Option<mpsc::UnboundedSender<Request>>>>,
}

impl GroupCommit {
    pub(crate) async fn append(&self, pool: &WritePool, commit: Commit) -> Answer {
        let (answer, answered) = oneshot::channel();
        self.sender(pool)
            .send((commit, answer))
            .map_err(|_| StoreError::CommitTaskGone)?;
        answered.await.map_err(|_| StoreError::CommitTaskGone)?
    }

    /// The running task's sender; a new task when there is none or its runtime ended (a
    /// store shared by tests that each run their own runtime).
    fn sender(&self, pool: &WritePool) -> mpsc::UnboundedSender<Request> {
        let mut slot = self
            .sender
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match slot.as_ref() {
            Some(sender) if !sender.is_closed() => sender.clone(),
            _ => {
                let (sender, receiver) = mpsc::unbounded_channel();
                tokio::spawn(run(pool.clone(), receiver));
                *slot = Some(sender.clone());
                sender
            }
        }
    }
}

async fn run(pool: WritePool, mut receiver: mpsc::UnboundedReceiver<Request>) {
    while let Some(first) = receiver.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match receiver.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        metrics::gauge!("ruta_store_commit_queue").set(receiver.len() as f64);
        metrics::histogram!("ruta_store_commit_batch_size").record(group.len() as f64);
        let (commits, answers): (Vec<Commit>, Vec<_>) = group.into_iter().unzip();
        for (answer, written) in answers.into_iter().zip(write(&pool, &commits).await) {
            // A caller that went away (a closed connection) still had its commit written.
            let _ = answer.send(written);
        }
    }
}

async fn write(pool: &WritePool, commits: &[Commit]) -> Vec<Answer> {
    if commits.len() == 1 {
        return vec![append_all(pool, commits).await];
    }
    if let Ok(Appended::Positions(all)) = append_all(pool, commits).await {
        let mut all = all.into_iter();
        return commits
            .iter()
            .map(|c| {
                Ok(Appended::Positions(
                    all.by_ref().take(c.events.len()).collect(),
                ))
            })
            .collect();
    }
    match append_each(pool, commits).await {
        Ok(answers) => answers,
        Err(error) => {
            tracing::error!(%error, commits = commits.len(), "group commit failed");
            let message = error.to_string();
            commits
                .iter()
                .map(|_| Err(StoreError::Group(message.clone())))
                .collect()
        }
    }
}
