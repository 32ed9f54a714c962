//! hyper answers a request it cannot parse — a URI over its 65,534 bytes, a head over its read
//! buffer, a malformed request line or header — before any router sees it, with an empty body,
//! and axum gives no hook for that answer. [`ProblemListener`] hands hyper connections that
//! recognise this automatic answer as it is written and send the problem document the router
//! would have given instead, so no client gets an error without a stable `type`.
//!
//! The answer is recognised by its shape: a 400, 414 or 431 head with `content-length: 0` and
//! no `content-type`. Every response of the router carries a content type (the guard turns
//! bare errors into problem documents), so nothing else has that shape; hyper closes the
//! connection after it, so replacing the bytes cannot desynchronise a keep-alive stream.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::extract::connect_info::Connected;
use axum::http::StatusCode;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::guard::SECURITY_HEADERS;
use crate::problem::{ApiError, ProblemType};

/// A TCP listener whose connections give hyper's automatic error answers a problem body.
#[derive(Debug)]
pub(crate) struct ProblemListener {
    inner: TcpListener,
}

impl ProblemListener {
    pub(crate) fn new(inner: TcpListener) -> Self {
        Self { inner }
    }
}

impl Listener for ProblemListener {
    type Io = ProblemStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, peer) = <TcpListener as Listener>::accept(&mut self.inner).await;
        (ProblemStream::new(stream), peer)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// The client's address, as the request extensions carry it (the throttle keys on it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer(pub SocketAddr);

impl Connected<IncomingStream<'_, ProblemListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, ProblemListener>) -> Self {
        Self(*stream.remote_addr())
    }
}

/// A connection that swaps hyper's empty error answer for a problem document.
#[derive(Debug)]
pub(crate) struct ProblemStream<S> {
    inner: S,
    /// The replacement still to be written, from `sent` on.
    pending: Vec<u8>,
    sent: usize,
}

impl<S> ProblemStream<S> {
    pub(crate) fn new(inner: S) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            sent: 0,
        }
    }
}

impl<S: AsyncWrite + Unpin> ProblemStream<S> {
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            let written =
                ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))?;
            if written == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += written;
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }

    /// Takes `head` in place of hyper's answer; hyper is told all of it was written.
    fn replace(
        &mut self,
        cx: &mut Context<'_>,
        head: &[u8],
        replacement: Vec<u8>,
    ) -> Poll<io::Result<usize>> {
        self.pending = replacement;
        self.sent = 0;
        // What cannot be written now is written on the flush that follows.
        if let Poll::Ready(Err(error)) = self.drain(cx) {
            return Poll::Ready(Err(error));
        }
        Poll::Ready(Ok(head.len()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for ProblemStream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for ProblemStream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(self.drain(cx))?;
        match problem_in_place_of(buf) {
            Some(replacement) => self.replace(cx, buf, replacement),
            None => Pin::new(&mut self.inner).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        ready!(self.drain(cx))?;
        let mut filled = bufs.iter().filter(|slice| !slice.is_empty());
        if let (Some(only), None) = (filled.next(), filled.next()) {
            if let Some(replacement) = problem_in_place_of(only) {
                return self.replace(cx, only, replacement);
            }
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The whole response to send instead of `written`, when `written` is hyper's automatic
/// error answer.
fn problem_in_place_of(written: &[u8]) -> Option<Vec<u8>> {
    // hyper's answer is a status line and two or three short headers.
    if written.len() > 512 || !written.starts_with(b"HTTP/1.") || !written.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = std::str::from_utf8(written).ok()?;
    let mut lines = head.trim_end_matches("\r\n").split("\r\n");
    let status_line = lines.next()?;
    let version = status_line.get(..8)?;
    let status: u16 = status_line.get(9..12)?.parse().ok()?;
    let (kind, detail) = match status {
        400 => (
            ProblemType::BadRequest,
            "the request line or a header could not be parsed",
        ),
        414 => (
            ProblemType::UriTooLong,
            "the request URI is longer than the server reads (65,534 bytes)",
        ),
        431 => (
            ProblemType::HeadersTooLarge,
            "the request head is larger than the server reads",
        ),
        _ => return None,
    };
    let mut empty = false;
    let mut date = None;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => empty = value == "0",
            "content-type" => return None,
            "date" => date = Some(value),
            _ => {}
        }
    }
    if !empty {
        return None;
    }
    let (status, body) = ApiError::new(kind, detail).into_document();
    Some(response_bytes(version, status, date, &body.to_string()))
}

fn response_bytes(version: &str, status: StatusCode, date: Option<&str>, body: &str) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut head = format!(
        "{version} {} {}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len(),
    );
    for (name, value) in SECURITY_HEADERS {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    if let Some(date) = date {
        let _ = write!(head, "date: {date}\r\n");
    }
    head.push_str("\r\n");
    head.push_str(body);
    head.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYPER_414: &[u8] =
        b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Tue, 01 Dec 2026 21:00:00 GMT\r\n\r\n";

    fn split(response: &[u8]) -> (String, serde_json::Value) {
        let text = String::from_utf8(response.to_vec()).unwrap_or_default();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or_default();
        (
            head.to_owned(),
            serde_json::from_str(body).unwrap_or_default(),
        )
    }

    #[test]
    fn hypers_uri_too_long_becomes_a_problem_document() {
        let replaced = problem_in_place_of(HYPER_414).unwrap_or_default();
        let (head, body) = split(&replaced);
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{head}");
        assert!(head.contains("content-type: application/problem+json"));
        assert!(head.contains("date: Tue, 01 Dec 2026 21:00:00 GMT"));
        assert!(head.contains("x-content-type-options: nosniff"));
        assert_eq!(body["type"], "urn:ruta:problem:uri-too-long");
        assert_eq!(body["status"], 414);
        let length = format!("content-length: {}", body.to_string().len());
        assert!(head.contains(&length), "{head}");
    }

    #[test]
    fn header_and_parse_errors_get_their_types() {
        for (status, kind) in [(431, "headers-too-large"), (400, "bad-request")] {
            let hyper = format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\n\r\n");
            let (_, body) = split(&problem_in_place_of(hyper.as_bytes()).unwrap_or_default());
            assert_eq!(body["type"], format!("urn:ruta:problem:{kind}"));
        }
    }

    #[test]
    fn the_routers_own_answers_pass_untouched() {
        let answers: [&[u8]; 4] = [
            b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 93\r\n\r\n",
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\n\r\n{}",
        ];
        for answer in answers {
            assert_eq!(problem_in_place_of(answer), None, "{answer:?}");
        }
    }

    #[tokio::test]
    async fn a_replacement_is_written_whole_and_counted_as_hypers() {
        use tokio::io::AsyncWriteExt;
        let mut stream = ProblemStream::new(Vec::new());
        let counted = stream.write(HYPER_414).await.unwrap_or_default();
        stream.flush().await.unwrap_or_default();
        assert_eq!(counted, HYPER_414.len());
        let (_, body) = split(&stream.inner);
        assert_eq!(body["type"], "urn:ruta:problem:uri-too-long");
    }
}
