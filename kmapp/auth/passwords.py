"""Password hashing with argon2id. The cost is a setting; the default is OWASP's recommended
minimum (19 MiB of memory, 2 iterations, 1 lane), which meets OWASP ASVS 5.

Measured on the 2-core server (bench/reliability/load.py): argon2-cffi's own default (64 MiB,
3 iterations, 4 lanes) costs ~165 ms of CPU per sign-in, so 200 sign-ins on a Monday morning
kept both cores busy for over half a minute; the OWASP minimum costs ~18 ms. Hashes made with
other parameters are upgraded at the next successful sign-in.
"""
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

MIN_PASSWORD_LENGTH = 8
DEFAULT_COST = (2, 19456, 1)  # time cost (iterations), memory cost (KiB), parallelism (lanes)


@lru_cache(maxsize=4)
def _hasher_for(cost: tuple[int, int, int]) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher(time_cost=cost[0], memory_cost=cost[1], parallelism=cost[2])
    # Verified against when the account does not exist, so both cases take the same time.
    return hasher, hasher.hash("portal-km-timing-equaliser")


def _hasher() -> tuple[PasswordHasher, str]:
    if not has_app_context():
        return _hasher_for(DEFAULT_COST)
    config = current_app.config
    return _hasher_for((int(config["PASSWORD_TIME_COST"]), int(config["PASSWORD_MEMORY_KIB"]),
                        int(config["PASSWORD_PARALLELISM"])))


def hash_password(password: str) -> str:
    return _hasher()[0].hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    hasher, dummy = _hasher()
    try:
        return hasher.verify(stored_hash or dummy, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher()[0].check_needs_rehash(stored_hash)
