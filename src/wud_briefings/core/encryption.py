"""age encryption of real inputs: who may read them, and the identity that reads them.

Real exports and coding sheets may be committed encrypted with age
(https://age-encryption.org), as ``<name>.age``, to every public key listed in
``data/raw/recipients.txt``. The build decrypts them in memory with the
identity (secret key) held by ``WUD_AGE_IDENTITY``, as a CI secret holds it.
Every call into pyrage is here, so that its errors become an :class:`InputError`
naming the file, never its content nor a key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wud_briefings.core.errors import InputError

AGE_SUFFIX = ".age"
IDENTITY_VARIABLE = "WUD_AGE_IDENTITY"
# Binary age files start with the first line; armored ones (age -a) with the second.
AGE_HEADERS = (b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----")
SECRET_PREFIX = "AGE-SECRET-KEY-1"
SSH_KEY_TYPES = ("ssh-ed25519 ", "ssh-rsa ")
RECIPIENT_FORMS = (
    "an age public key (age1…, as age-keygen prints it) or an SSH public key "
    "(ssh-ed25519 … or ssh-rsa …), one per line; lines starting with # are comments"
)


def is_encrypted(path: Path) -> bool:
    """Whether a file is, by its name, an age-encrypted input."""
    return path.suffix == AGE_SUFFIX


def clear_path(path: Path) -> Path:
    """The name a file has in clear: ``eeca.xlsx.age`` -> ``eeca.xlsx`` (its format)."""
    return path.with_suffix("") if is_encrypted(path) else path


def has_identity() -> bool:
    """Whether an identity was given; whether it opens a file, only decryption tells."""
    return bool(os.environ.get(IDENTITY_VARIABLE, "").strip())


def read_recipients(path: Path, shown: str) -> list[Any]:
    """The recipients a file is encrypted to: every key in the recipients file.

    Refused, naming the line but never echoing it: a line that is not a public
    key (it may be a secret pasted by mistake, which must not reach a console),
    and a file that lists no one (the result could be read by nobody).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.single(
            shown, f"the recipients file does not exist; it lists {RECIPIENT_FORMS}"
        ) from None
    recipients = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("AGE-SECRET-KEY-") or "PRIVATE KEY" in line:
            raise InputError.single(
                shown,
                f"line {number} holds a secret identity, not a public key: delete that line "
                "now (never commit a secret) and list its public key instead (age1…, "
                "`age-keygen -y` prints it)",
            )
        recipient = _recipient(line)
        if recipient is None:
            raise InputError.single(
                shown, f"line {number} is not an age recipient: expected {RECIPIENT_FORMS}"
            )
        recipients.append(recipient)
    if not recipients:
        raise InputError.single(
            shown,
            f"lists no recipient, so nobody could read what is encrypted: add {RECIPIENT_FORMS}",
        )
    return recipients


def _recipient(line: str) -> Any | None:
    import pyrage

    try:
        if line.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(line)
        if line.startswith(SSH_KEY_TYPES):
            return pyrage.ssh.Recipient.from_str(line)
    except pyrage.RecipientError:
        return None
    return None


def encrypt(data: bytes, recipients: list[Any]) -> bytes:
    """``data`` encrypted to every recipient (binary age format)."""
    import pyrage

    return bytes(pyrage.encrypt(data, recipients))


def _identities(shown: str) -> list[Any]:
    """The identities in WUD_AGE_IDENTITY: age secret keys and OpenSSH private keys.

    The value may hold several, one per line (an OpenSSH key as its whole
    ``-----BEGIN … PRIVATE KEY-----`` block), with blank lines and ``#`` comments
    as age-keygen writes them. A fault names the line, never its content.
    """
    import pyrage

    lines = os.environ.get(IDENTITY_VARIABLE, "").splitlines()
    identities: list[Any] = []
    block: list[str] = []
    block_where = ""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if block:
            block.append(line)
            if line.startswith("-----END"):
                identities.append(_ssh_identity(block, shown, block_where))
                block = []
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("-----BEGIN") and "PRIVATE KEY" in line:
            block = [line]
            block_where = f"the private key from line {number} of {IDENTITY_VARIABLE}"
            continue
        where = f"line {number} of {IDENTITY_VARIABLE}"
        if not line.startswith(SECRET_PREFIX):
            raise _identity_error(shown, where)
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise _identity_error(shown, where) from None
    if block:
        raise _identity_error(shown, block_where)
    if not identities:
        raise InputError.single(
            shown,
            f"encrypted with age, and no identity was given: set {IDENTITY_VARIABLE} to your "
            f"age identity ({SECRET_PREFIX}…), whose public key is in data/raw/recipients.txt",
        )
    return identities


def _ssh_identity(block: list[str], shown: str, where: str) -> Any:
    import pyrage

    try:
        return pyrage.ssh.Identity.from_buffer(("\n".join(block) + "\n").encode())
    except pyrage.IdentityError:
        raise _identity_error(shown, where) from None


def _identity_error(shown: str, where: str) -> InputError:
    return InputError.single(
        shown,
        f"cannot decrypt: {where} is not an age identity; expected {SECRET_PREFIX}… (as "
        "age-keygen writes it) or an unencrypted OpenSSH private key",
    )


def decrypt(data: bytes, shown: str) -> bytes:
    """The clear bytes of an age file, in memory, with the identity in WUD_AGE_IDENTITY."""
    import pyrage

    if not data.startswith(AGE_HEADERS):
        raise InputError.single(
            shown,
            "not an age-encrypted file, though its name ends in .age (which git lets you "
            "commit): encrypt the clear file with `wud-briefings encrypt`",
        )
    identities = _identities(shown)
    try:
        return bytes(pyrage.decrypt(data, identities))
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).casefold():
            raise InputError.single(
                shown,
                f"cannot decrypt: it was not encrypted to any identity in {IDENTITY_VARIABLE}; "
                "add its public key to data/raw/recipients.txt and have the file encrypted again",
            ) from None
        raise InputError.single(
            shown,
            "cannot decrypt: the file is damaged (truncated or altered); encrypt the clear "
            "file again",
        ) from None
