//! A stop signal for the run loop: one [`Shutdown`] triggers, any number of
//! [`ShutdownSignal`] clones observe it (a `tokio::sync::watch` of one flag).

use std::time::Duration;
use tokio::sync::watch;

/// The owner's side: [`trigger`](Self::trigger) stops every runner holding one of its signals.
#[derive(Debug, Clone)]
pub struct Shutdown {
    sender: std::sync::Arc<watch::Sender<bool>>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Shutdown {
    pub fn new() -> Self {
        let (sender, _) = watch::channel(false);
        Self {
            sender: std::sync::Arc::new(sender),
        }
    }

    pub fn signal(&self) -> ShutdownSignal {
        ShutdownSignal {
            receiver: self.sender.subscribe(),
        }
    }

    pub fn trigger(&self) {
        self.sender.send_replace(true);
    }
}

/// The runner's side.
#[derive(Debug, Clone)]
pub struct ShutdownSignal {
    receiver: watch::Receiver<bool>,
}

impl ShutdownSignal {
    pub fn is_triggered(&self) -> bool {
        *self.receiver.borrow()
    }

    /// Resolves once triggered. A dropped [`Shutdown`] counts as triggered: nobody is left to
    /// stop the runner otherwise.
    pub async fn triggered(&mut self) {
        let _ = self.receiver.wait_for(|stop| *stop).await;
    }

    /// Sleeps for `duration` unless stopped first; true when stopped.
    pub async fn sleep(&mut self, duration: Duration) -> bool {
        tokio::select! {
            () = self.triggered() => true,
            () = tokio::time::sleep(duration) => self.is_triggered(),
        }
    }
}
