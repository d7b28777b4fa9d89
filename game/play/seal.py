"""Sealing one side's secrets in a save with that side's password (hot-seat games that cannot be peeked).

A password becomes a 256-bit key through scrypt (a memory-hard key-derivation function, so guessing
passwords is slow) with a random salt; the secrets are encrypted and authenticated with AES-256-GCM
(``cryptography``'s AESGCM), with the side's name as associated data so that one side's sealed part
cannot be passed off as the other's. Nothing here is home-made cryptography: only the layout of the
JSON object is ours::

    {"salt": "<base64, 16 bytes>", "nonce": "<base64, 12 bytes>", "data": "<base64 ciphertext + tag>"}

    key = derive("correct horse", salt=None)        # a new salt (a side's password set at setup)
    blob = seal(key, "japan", [{"posture": ...}, ...])
    unseal(key_from(blob, "correct horse"), "japan", blob)  -> the same list; WrongPassword otherwise
"""
from __future__ import annotations

import base64
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any

SALT_BYTES = 16
NONCE_BYTES = 12
# scrypt cost: 2**15 with r=8 takes about 0.1 s and 32 MB here, once per side per game.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
KDF = f"scrypt-n{SCRYPT_N}-r{SCRYPT_R}-p{SCRYPT_P}"
CIPHER = "aes-256-gcm"


class WrongPassword(ValueError):
    """The password does not open this side's sealed part (or the part was altered)."""


@dataclass(frozen=True)
class SideKey:
    """A side's key and the salt it was derived with (the salt is stored in the save, the key never)."""

    salt: bytes
    key: bytes = b""

    def matches(self, password: str) -> bool:
        """True if ``password`` is the one this key was made from (compared in constant time)."""
        return hmac.compare_digest(derive(password, self.salt).key, self.key)


def derive(password: str, salt: bytes | None = None) -> SideKey:
    """The key for ``password`` (a new random salt unless ``salt`` is given)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return SideKey(salt=salt, key=kdf.derive(password.encode("utf-8")))


def seal(key: SideKey, side: str, value: Any) -> dict[str, str]:
    """``value`` (anything JSON can hold) encrypted for ``side`` under ``key``; a fresh nonce every time."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    nonce = os.urandom(NONCE_BYTES)
    plain = json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")
    data = AESGCM(key.key).encrypt(nonce, plain, side.encode("utf-8"))
    return {"salt": _b64(key.salt), "nonce": _b64(nonce), "data": _b64(data)}


def salt_of(blob: Any) -> bytes:
    """The salt of a sealed part; ValueError if the part is not shaped as ``seal`` writes it."""
    if not isinstance(blob, dict) or set(blob) != {"salt", "nonce", "data"}:
        raise ValueError('expected an object {"salt", "nonce", "data"}')
    salt = _unb64(blob["salt"], "salt")
    if len(salt) != SALT_BYTES or len(_unb64(blob["nonce"], "nonce")) != NONCE_BYTES:
        raise ValueError(f"expected a {SALT_BYTES}-byte salt and a {NONCE_BYTES}-byte nonce")
    _unb64(blob["data"], "data")
    return salt


def unseal(key: SideKey, side: str, blob: dict[str, str]) -> Any:
    """The value ``seal`` sealed; raises ``WrongPassword`` if the key is not the side's or the data changed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    salt_of(blob)
    try:
        plain = AESGCM(key.key).decrypt(_unb64(blob["nonce"], "nonce"), _unb64(blob["data"], "data"),
                                        side.encode("utf-8"))
    except InvalidTag:
        raise WrongPassword(f"wrong password for {side} (or the file was altered)") from None
    try:
        return json.loads(plain.decode("utf-8"))
    except ValueError:
        raise WrongPassword(f"the sealed part of {side} is not readable") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, key: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{key}: expected base64 text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise ValueError(f"{key}: expected base64 text") from None
