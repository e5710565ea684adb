"""Runs inside the sandboxed interpreter, before any student code.

Loads the student's module, calls its entry once per test, and answers each command with one
JSON string in Epoch's wire format (see grader/sandbox/harness.ts `encode`):
numbers, strings, booleans and lists as JSON; dicts as {"$o": {...}}; NaN, +-Infinity and -0.0
as {"$n": "..."}; values that cannot be results as {"$t": "<type>"}.

The functions it relies on are bound here, before student code runs, so replacing
`json.dumps`, `builtins.isinstance` or `random.seed` afterwards does not change how a result
is read. Student code can still reach this module (nothing inside one interpreter is private);
at worst it forges its own results, which it could have returned anyway: expected values
never enter the sandbox.
"""

import builtins as _builtins
import json as _json
import linecache as _linecache
import math as _math
import random as _random
import sys as _sys
import traceback as _traceback
import types as _types
from _json import encode_basestring_ascii as _quote

_FILENAME = "solution.py"
_GRADER_FILES = ("<grader>",)

_isinstance = isinstance
_type = type
_len = len
_str = str
_int_repr = int.__repr__
_float_repr = float.__repr__
_isnan = _math.isnan
_isinf = _math.isinf
_copysign = _math.copysign
_json_loads = _json.loads
_random_seed = _random.seed
_extract_tb = _traceback.extract_tb
_format_list = _traceback.format_list
_stdout = _sys.stdout
_stderr = _sys.stderr
_FunctionType = _types.FunctionType
_MemoryError = MemoryError
_BaseException = BaseException
_RecursionError = RecursionError
_SyntaxError = SyntaxError
_id = id
_exec = exec
_compile = compile
_dict = dict
_list = list
_tuple = tuple
_float = float
_int = int
_bool = bool
_set = set

_settings = {"max_output_chars": 100000}
_module = None

# The standard-library code the harness calls (json, random, traceback) looks names up in the
# one shared builtins dict, which student code may have patched: the harness works with the
# original builtins and hands the student's version back whenever their code runs.
_builtins_dict = _builtins.__dict__
_pristine_builtins = _dict(_builtins_dict)
_dict_clear = _dict.clear
_dict_update = _dict.update


class _StudentBuiltins:
    def __init__(self):
        self.saved = _dict(_pristine_builtins)

    def grader(self):
        """Keeps the student's builtins aside and puts the original ones back."""
        self.saved = _dict(_builtins_dict)
        _dict_clear(_builtins_dict)
        _dict_update(_builtins_dict, _pristine_builtins)

    def student(self):
        _dict_clear(_builtins_dict)
        _dict_update(_builtins_dict, self.saved)


_student_builtins = _StudentBuiltins()


class _TooLarge(Exception):
    pass


class _Unsupported(Exception):
    def __init__(self, reason):
        self.reason = reason


def _flush():
    for stream in (_sys.stdout, _sys.stderr, _stdout, _stderr):
        try:
            stream.flush()
        except _BaseException:
            pass


def _encode(value):
    budget = [_settings["max_output_chars"]]
    ancestors = _set()

    def spend(text):
        budget[0] -= _len(text)
        if budget[0] < 0:
            raise _TooLarge()
        return text

    def number(v):
        if _isinstance(v, _float):
            if _isnan(v):
                return spend('{"$n":"NaN"}')
            if _isinf(v):
                return spend('{"$n":"Infinity"}' if v > 0 else '{"$n":"-Infinity"}')
            if v == 0.0 and _copysign(1.0, v) < 0:
                return spend('{"$n":"-0"}')
            return spend(_float_repr(v))
        # Integers beyond 2**53 are not exact in the wire's double-precision numbers.
        if -9007199254740992 <= v <= 9007199254740992:
            return spend(_int_repr(v))
        try:
            return number(_float(v))
        except OverflowError:
            return spend('{"$n":"Infinity"}' if v > 0 else '{"$n":"-Infinity"}')

    def walk(v, depth):
        if v is None:
            return spend('{"$t":"None"}')
        if v is True:
            return spend("true")
        if v is False:
            return spend("false")
        if _isinstance(v, (_int, _float)):
            return number(v)
        if _isinstance(v, _str):
            if _len(v) > budget[0]:
                raise _TooLarge()
            return spend(_quote(_str.__str__(v)))
        if _isinstance(v, (_list, _tuple, _dict)):
            if depth > 32:
                raise _Unsupported("the value is nested more than 32 levels deep")
            key = _id(v)
            if key in ancestors:
                raise _Unsupported("the value contains a cycle (a container that contains itself)")
            ancestors.add(key)
            if _isinstance(v, _dict):
                parts = [spend('{"$o":{')]
                first = True
                for k in _list(_dict.keys(v)):
                    if not _isinstance(k, _str):
                        raise _Unsupported("a dict key is not a string (%s)" % _type(k).__name__)
                    if not first:
                        parts.append(spend(","))
                    parts.append(spend(_quote(_str.__str__(k))))
                    parts.append(spend(":"))
                    parts.append(walk(_dict.__getitem__(v, k), depth + 1))
                    first = False
                parts.append(spend("}}"))
            else:
                items = _list(v)
                if _len(items) > budget[0]:
                    raise _TooLarge()
                parts = [spend("[")]
                for i, item in enumerate(items):
                    if i > 0:
                        parts.append(spend(","))
                    parts.append(walk(item, depth + 1))
                parts.append(spend("]"))
            ancestors.discard(key)
            return "".join(parts)
        return spend('{"$t":%s}' % _quote(_type(v).__name__))

    return walk(value, 0)


def _describe(error):
    """Type, message, the student's line and column, and a traceback without the grader's frames."""
    name = "Exception"
    message = ""
    line = 0
    column = 0
    text = ""
    try:
        name = _type(error).__name__
        try:
            if _isinstance(error, _SyntaxError):
                message = _str(error.msg)
            else:
                message = _str(error)
        except _BaseException:
            message = "(the exception's message could not be read)"
        if _len(message) > 2000:
            message = message[:2000] + "..."
        if _isinstance(error, _SyntaxError) and error.filename == _FILENAME:
            line = error.lineno or 0
            column = error.offset or 0
        frames = [f for f in _extract_tb(error.__traceback__) if f.filename not in _GRADER_FILES]
        for frame in frames:
            if frame.filename == _FILENAME:
                line = frame.lineno or 0
                column = (frame.colno + 1) if frame.colno is not None else 0
        if _isinstance(error, _RecursionError) or _len(frames) > 40:
            frames = frames[:20] + frames[-20:]
        text = "".join(_format_list(frames))
        if text:
            text = "Traceback (most recent call last):\n" + text
        text += name + (": " + message if message else "") + "\n"
    except _BaseException:
        pass
    return '{"name":%s,"message":%s,"line":%d,"column":%d,"traceback":%s}' % (
        _quote(name),
        _quote(message),
        line,
        column,
        _quote(text[:20000]),
    )


def _failure(error):
    if _isinstance(error, _MemoryError):
        return '{"status":"memory"}'
    return '{"status":"error","error":%s}' % _describe(error)


def load(source, settings_json):
    global _module
    _settings.update(_json_loads(settings_json))
    try:
        code = _compile(source, _FILENAME, "exec", dont_inherit=True)
    except _SyntaxError as error:
        return '{"status":"syntax","error":%s}' % _describe(error)
    except _BaseException as error:
        return _failure(error)
    # Tracebacks quote the student's lines, as they would from a file.
    _linecache.cache[_FILENAME] = (_len(source), None, source.splitlines(True), _FILENAME)
    module = _types.ModuleType("solution")
    module.__file__ = _FILENAME
    _sys.modules["solution"] = module
    _random_seed(0)
    failure = None
    try:
        _exec(code, module.__dict__)
    except _BaseException as error:
        failure = error
    _student_builtins.grader()
    _flush()
    if failure is not None:
        return _failure(failure)
    _module = module
    names = [
        name
        for name, value in _list(module.__dict__.items())
        if _isinstance(value, _FunctionType) and not name.startswith("_")
    ]
    return '{"status":"ok","exports":[%s]}' % ",".join(_quote(n) for n in names)


def call(entry, args_json, seed):
    _random_seed(seed)
    function = _module.__dict__.get(entry) if _module is not None else None
    if not callable(function):
        return '{"status":"missing"}'
    # JSON as Python's json module reads it: whole numbers are ints (a count, an index, a class
    # label), the rest floats; an int stands wherever a float is expected.
    args = _json_loads(args_json)
    failure = None
    _student_builtins.student()
    try:
        result = function(*args)
    except _BaseException as error:
        failure = error
    _student_builtins.grader()
    _flush()
    if failure is not None:
        return _failure(failure)
    try:
        return '{"status":"ok","value":%s}' % _encode(result)
    except _TooLarge:
        return '{"status":"invalid","reason":"too_large"}'
    except _Unsupported as problem:
        return '{"status":"invalid","reason":%s}' % _quote(problem.reason)
    except _BaseException as error:
        return _failure(error)
