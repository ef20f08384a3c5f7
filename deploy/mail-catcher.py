#!/usr/bin/python3
"""Development SMTP server: accepts every message and saves it as a file.

Each message becomes DIR/<time_ns>-<counter>.eml, written under a hidden temporary name
first and then renamed, so a reader polling DIR for *.eml never sees half a message. The
envelope sender and recipients are prepended as X-Envelope-From / X-Envelope-To headers,
because tests want to know who a message was really sent to. One log line per message
goes to stdout.

Runs until SIGTERM or SIGINT. Needs Debian's python3-aiosmtpd.
"""
import argparse
import asyncio
import datetime
import itertools
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult


class SaveToDirectory:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{next(self.counter)}.eml"
        data = envelope_headers(envelope) + ensure_final_newline(envelope.original_content or b"")
        temporary = os.path.join(self.directory, f".{name}.tmp")
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.rename(temporary, os.path.join(self.directory, name))
        log(f"saved {name}: from <{envelope.mail_from}> to "
            f"{', '.join('<' + r + '>' for r in envelope.rcpt_tos)} ({len(data)} bytes)")
        return "250 Message accepted for delivery"


def envelope_headers(envelope):
    lines = [f"X-Envelope-From: <{envelope.mail_from}>"]
    lines += [f"X-Envelope-To: <{recipient}>" for recipient in envelope.rcpt_tos]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def ensure_final_newline(data):
    # SMTP delivers CRLF lines; keep them, only make sure the file ends with a line break.
    return data if data.endswith(b"\n") else data + b"\r\n"


def accept_any_login(server, session, envelope, mechanism, auth_data):
    # A mailer configured with MAIL_USERNAME/MAIL_PASSWORD must still be able to deliver here.
    return AuthResult(success=True)


def log(message):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    print(f"{stamp} mail-catcher: {message}", flush=True)


async def serve(host, port, directory):
    loop = asyncio.get_running_loop()
    handler = SaveToDirectory(directory)

    def make_session():
        return SMTP(handler, hostname="mail-catcher.localhost", enable_SMTPUTF8=True,
                    data_size_limit=10 * 1024 * 1024, authenticator=accept_any_login,
                    auth_require_tls=False)

    # reuse_address: `deploy/ctl smtp-start` right after smtp-stop must get the same port.
    server = await loop.create_server(make_session, host, port, reuse_address=True)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log(f"listening on {host}:{port}, saving to {directory}")
    await stop.wait()
    server.close()
    await server.wait_closed()
    log("stopped")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--dir", required=True, help="directory for the .eml files")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    try:
        asyncio.run(serve(args.host, args.port, args.dir))
    except OSError as error:
        log(f"cannot listen on {args.host}:{args.port}: {error}")
        sys.exit(1)


if __name__ == "__main__":
    main()
