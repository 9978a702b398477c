//! `cargo xtask serve`: the demo page over HTTP, and the server the
//! end-to-end tests load it from.
//!
//! Why our own server: browsers refuse to instantiate wasm from `file://`
//! and want `application/wasm` for streaming compilation, and std alone does
//! that in a page of code: no python, no npm server, nothing to install.
//! It is a development server only: loopback, one request per connection,
//! no caching (`no-store`, so a rebuild shows at the next reload).

use crate::{build, Result};
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Builds (unless `no_build`), then serves `dist/` on 127.0.0.1:`port`
/// until the process is interrupted.
pub fn serve(root: &Path, port: u16, no_build: bool) -> Result {
    if !no_build {
        build::build(root, false)?;
    }
    let dist = root.join("dist");
    if !dist.is_dir() {
        return Err(format!("{} does not exist: run `cargo xtask build` (or drop --no-build)", dist.display()));
    }
    if !dist.join("index.html").is_file() {
        println!("xtask: note: dist/ has no index.html (is www/ missing?)");
    }
    let (addr, server) =
        start(dist, ("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("newsgloss demo: http://{addr}/");
    println!("(Ctrl-C to stop)");
    server.join().map_err(|_| "the server thread stopped unexpectedly".to_string())
}

/// Starts serving `dir` on a background thread and returns the bound
/// address at once; pass port 0 for a free ephemeral port (the tests do).
/// The server lives as long as the process.
pub fn start(dir: PathBuf, addr: impl ToSocketAddrs) -> io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind(addr)?;
    let bound = listener.local_addr()?;
    let server = thread::Builder::new().name("xtask-serve".into()).spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            // A connection that fails (client gone, timeout) only ends
            // its own thread.
            let _ = thread::Builder::new().spawn(move || handle(&dir, stream));
        }
    })?;
    Ok((bound, server))
}

/// Reads one request and answers it, then closes the connection.
fn handle(dir: &Path, stream: TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    // Request line and headers are small; a client sending more is cut off.
    let mut reader = BufReader::new((&stream).take(64 * 1024));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let response = respond(dir, &request_line);
    let mut writer = &stream;
    writer.write_all(&response)?;
    writer.flush()
}

/// The full response bytes for one request line.
fn respond(dir: &Path, request_line: &str) -> Vec<u8> {
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return error(400, "Bad Request");
    };
    if !version.starts_with("HTTP/1.") {
        return error(400, "Bad Request");
    }
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return error(405, "Method Not Allowed"),
    };
    let Some(relative) = relative_path(target) else {
        return error(403, "Forbidden");
    };
    let mut file = dir.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    match fs::read(&file) {
        Ok(body) => response(200, "OK", content_type(&file), &body, head),
        Err(_) => error(404, "Not Found"),
    }
}

fn error(code: u16, reason: &str) -> Vec<u8> {
    let body = format!("{code} {reason}\n");
    response(code, reason, "text/plain; charset=utf-8", body.as_bytes(), false)
}

fn response(code: u16, reason: &str, content_type: &str, body: &[u8], head: bool) -> Vec<u8> {
    let allow = if code == 405 { "Allow: GET, HEAD\r\n" } else { "" };
    let mut bytes = format!(
        "HTTP/1.1 {code} {reason}\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\
         Cache-Control: no-store\r\n\
         {allow}Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    if !head {
        bytes.extend_from_slice(body);
    }
    bytes
}

/// The file a request target names, relative to the served folder: the
/// query and fragment dropped, percent-escapes decoded, `/` and folders
/// meaning their `index.html`. `None` for anything that could leave the
/// folder (`..`, backslashes, NUL) or is malformed.
fn relative_path(target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            _ if segment.contains(['\\', '\0']) => return None,
            _ => relative.push(segment),
        }
    }
    if decoded.ends_with('/') {
        relative.push("index.html");
    }
    Some(relative)
}

/// `%XX` escapes to bytes; `None` for a broken escape or non-UTF-8 result.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content types by extension. `application/wasm` matters most: without it
/// `WebAssembly.instantiateStreaming` refuses the module.
fn content_type(file: &Path) -> &'static str {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_into_the_folder() {
        let p = |s: &str| relative_path(s).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(p("/").as_deref(), Some("index.html"));
        assert_eq!(p("/index.html?x=1#top").as_deref(), Some("index.html"));
        assert_eq!(p("/pkg/a.js").as_deref(), Some("pkg/a.js"));
        assert_eq!(p("/pkg/").as_deref(), Some("pkg/index.html"));
        assert_eq!(p("/a%20b.txt").as_deref(), Some("a b.txt"));
        assert_eq!(p("//./x.css").as_deref(), Some("x.css"));
        assert_eq!(p("/a..b.js").as_deref(), Some("a..b.js"));
    }

    #[test]
    fn traversal_and_garbage_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/..",
            "/a%5c..%5cb",
            "/%00",
            "/%zz",
            "/%2",
            "relative.html",
            "http://host/x",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn mime_table() {
        let t = |name: &str| content_type(Path::new(name));
        assert_eq!(t("dist/newsgloss_core_bg.wasm"), "application/wasm");
        assert_eq!(t("index.html"), "text/html; charset=utf-8");
        assert_eq!(t("newsgloss.js"), "text/javascript; charset=utf-8");
        assert_eq!(t("x.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(t("a.CSS"), "text/css; charset=utf-8");
        assert_eq!(t("a.json"), "application/json");
        assert_eq!(t("a.svg"), "image/svg+xml");
        assert_eq!(t("a.png"), "image/png");
        assert_eq!(t("a.txt"), "text/plain; charset=utf-8");
        assert_eq!(t("LICENSE"), "application/octet-stream");
    }

    /// One raw HTTP exchange with a server on an ephemeral port.
    fn fetch(addr: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn serves_files_over_http() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("index.html"), "<h1>hi</h1>").unwrap();
        fs::write(dir.join("sub/m.wasm"), b"\0asm").unwrap();
        let (addr, _server) = start(dir.clone(), "127.0.0.1:0").unwrap();
        assert_ne!(addr.port(), 0);

        let index = fetch(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(index.contains("Content-Length: 11\r\n"));
        assert!(index.contains("Cache-Control: no-store\r\n"));
        assert!(index.ends_with("\r\n\r\n<h1>hi</h1>"));

        let head = fetch(addr, "HEAD /sub/m.wasm HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("Content-Type: application/wasm\r\n"));
        assert!(head.contains("Content-Length: 4\r\n"));
        assert!(head.ends_with("\r\n\r\n"));

        let missing = fetch(addr, "GET /nope.js HTTP/1.1\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404 Not Found\r\n"), "{missing}");
        let escape = fetch(addr, "GET /../Cargo.toml HTTP/1.1\r\n\r\n");
        assert!(escape.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{escape}");
        let post = fetch(addr, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405 "), "{post}");
        let garbage = fetch(addr, "hello\r\n\r\n");
        assert!(garbage.starts_with("HTTP/1.1 400 "), "{garbage}");

        let _ = fs::remove_dir_all(&dir);
    }
}
