"""The local stack's SMTP sink, as `make run` starts it: a real aiosmtpd process that stores
every message it accepts as one `.eml` file, which the portal's development pages read."""

from __future__ import annotations

import smtplib
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from deploy.local.stack import free_port
from deploy.local.stack.common import LOOPBACK
from deploy.local.stack.mail import MailSinkProcess
from services.portal.repository.mail_folder import MESSAGE_NAME


def test_a_message_sent_to_the_sink_is_stored_whole_under_a_readable_name(tmp_path: Path) -> None:
    sink = MailSinkProcess(free_port(), echo=False, folder=tmp_path / "mail", log=tmp_path)
    sink.start()
    try:
        message = EmailMessage()
        message["From"] = "San KHCN <no-reply@khcn.quangngai.gov.vn>"
        message["To"] = "htxmangden@example.vn"
        message["Subject"] = "Đề xuất kết nối công nghệ sấy lạnh"
        message.set_content("Xem tin: http://127.0.0.1:8000/listings/lst_1")
        with smtplib.SMTP(LOOPBACK, sink.port, timeout=10) as smtp:
            smtp.send_message(message)
    finally:
        sink.stop()
    [stored] = list((tmp_path / "mail").iterdir())
    assert MESSAGE_NAME.match(stored.name)
    parsed = message_from_bytes(stored.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Đề xuất kết nối công nghệ sấy lạnh"
    assert "http://127.0.0.1:8000/listings/lst_1" in parsed.get_body().get_content()
