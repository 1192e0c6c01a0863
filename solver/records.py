"""Turning plain records (lists of dicts, as read from JSON) into checked columns."""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from solver.errors import ProblemError


def require_list(value: object, where: str) -> list[Any]:
    """Return `value` if it is a list, else raise naming `where`."""
    if not isinstance(value, list | tuple):
        raise ProblemError(f"{where} must be a list, got {type(value).__name__}")
    return list(value)


def require_int(value: object, where: str, minimum: int | None = None) -> int:
    """Return `value` if it is an int (not a bool) at least `minimum`, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProblemError(f"{where} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ProblemError(f"{where} must be at least {minimum}, got {value}")
    return value


def require_number(value: object, where: str, minimum: float) -> float:
    """Return `value` as a float if it is a number at least `minimum`, else raise."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise ProblemError(f"{where} must be a number of at least {minimum}, got {value!r}")
    return float(value)


def require_str(value: object, where: str) -> str:
    """Return `value` if it is a non-empty string, else raise naming `where`."""
    if not isinstance(value, str) or not value:
        raise ProblemError(f"{where} must be a non-empty string, got {value!r}")
    return value


REQUIRED: Any = object()


def column(records: Sequence[Any], key: str, where: str, default: Any = REQUIRED) -> list[Any]:
    """Return the values of `key` over dict `records`; `default` fills absent keys if given."""
    try:
        if default is REQUIRED:
            return [record[key] for record in records]
        return [record.get(key, default) for record in records]
    except (KeyError, TypeError, AttributeError):
        for i, record in enumerate(records):
            if not isinstance(record, Mapping):
                raise ProblemError(f"{where}[{i}] must be an object, got {record!r}") from None
            if default is REQUIRED and key not in record:
                raise ProblemError(f"{where}[{i}] has no key {key!r}") from None
        raise


def int_array(values: Sequence[Any], where: str, key: str, minimum: int) -> np.ndarray:
    """Return `values` as an int64 array, raising on a non-integer or a value below `minimum`."""
    try:
        array = np.asarray(values) if len(values) else np.zeros(0, dtype=np.int64)
    except (ValueError, OverflowError):
        array = np.asarray(values, dtype=object)
    if array.ndim != 1 or array.dtype.kind not in "iu" or array.dtype == np.uint64:
        for i, value in enumerate(values):
            require_int(value, f"{where}[{i}].{key}")
            if not -(2**62) <= value < 2**62:
                raise ProblemError(f"{where}[{i}].{key} is out of range: {value}")
        raise ProblemError(f"{where}.{key} must hold integers")
    array = array.astype(np.int64, copy=False)
    bad = np.flatnonzero(array < minimum)
    if bad.size:
        i = int(bad[0])
        raise ProblemError(f"{where}[{i}].{key} must be at least {minimum}, got {int(array[i])}")
    return array


def index_ids(ids: Sequence[Any], where: str) -> dict[str, int]:
    """Map each id to its position, raising on a non-string or a duplicate id."""
    index: dict[str, int] = {}
    for i, value in enumerate(ids):
        require_str(value, f"{where}[{i}]")
        if value in index:
            raise ProblemError(f"duplicate {where} id {value!r}")
        index[value] = i
    return index


def map_ids(values: Sequence[Any], index: Mapping[str, int], where: str, key: str) -> np.ndarray:
    """Return the positions of `values` in `index` as int32, raising on an unknown id."""
    try:
        return np.fromiter((index[v] for v in values), dtype=np.int32, count=len(values))
    except (KeyError, TypeError):
        for i, value in enumerate(values):
            if not isinstance(value, str) or value not in index:
                raise ProblemError(f"{where}[{i}].{key} names an unknown id {value!r}") from None
        raise


def id_tuples(items: object, keys: tuple[str, ...], where: str) -> tuple[tuple[str, ...], ...]:
    """Return id tuples given as objects with `keys` or as sequences, as tuples of strings."""
    result = []
    for i, item in enumerate(require_list(items, where)):
        if isinstance(item, Mapping):
            missing = [key for key in keys if key not in item]
            if missing:
                raise ProblemError(f"{where}[{i}] has no key {missing[0]!r}")
            values = [item[key] for key in keys]
        elif isinstance(item, list | tuple) and len(item) == len(keys):
            values = list(item)
        else:
            raise ProblemError(f"{where}[{i}] must be an object with keys {', '.join(keys)}")
        result.append(
            tuple(require_str(v, f"{where}[{i}].{k}") for k, v in zip(keys, values, strict=True))
        )
    return tuple(result)
