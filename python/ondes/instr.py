"""instr.py — an instrument's named parameters: the body's `kNAME = pN` lines and
csoundengine's `|kfreq=440, kamp=0.1, ibus|` (or `{…}`) header, with defaults."""
import math
import re

__all__ = ["Instr"]


def _num(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError("expected a number, got %r" % (v,))
    if math.isnan(f) or math.isinf(f):
        raise ValueError("expected a finite number, got %r" % (v,))
    return f


def _value(v):
    """A p-field value: a number, or a string (read with `Sname = pN`)."""
    return v if isinstance(v, str) else _num(v)


_CONTINUATION_RE = re.compile(r"\\[ \t\r]*(;[^\n]*)?\n")
_ASSIGN_RE = re.compile(r"^\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*:\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*(=(?!=)|init\b)(.*)$")


def _statements(body):
    """The statements of an orchestra body as ondes' lexer sees them, one a
    line: comments dropped, strings emptied, lines ending in a backslash joined."""
    lines, cur, i, n = [], [], 0, len(body)
    while i < n:
        c = body[i]
        if c == '"':
            j = i + 1
            while j < n and body[j] not in '"\n':
                j += 2 if body[j] == "\\" else 1
            cur.append('""')
            i = j + 1
        elif body.startswith("{{", i):
            j = body.find("}}", i + 2)
            cur.append('""')
            i = n if j < 0 else j + 2
        elif c == ";" or body.startswith("//", i):
            j = body.find("\n", i)
            i = n if j < 0 else j
        elif body.startswith("/*", i):
            j = body.find("*/", i + 2)
            cur.append(" ")
            i = n if j < 0 else j + 2
        elif c == "\\" and _CONTINUATION_RE.match(body, i):
            cur.append(" ")
            i = _CONTINUATION_RE.match(body, i).end()
        elif c == "\n":
            lines.append("".join(cur))
            cur = []
            i += 1
        else:
            cur.append(c)
            i += 1
    lines.append("".join(cur))
    return lines


def _find_params(body):
    """The named parameters of an instrument body, in order of appearance:
    [(name, pindex, rate, statement)], rate 'k' (/set and /automate change it
    while the note plays) or 'i' (read at i-time only; sched gives it).

    The rule (doc/osc.md, "Named parameters"; src/lang/compile.c note_param
    is the same, tests/data/param_cases.txt checks both): `NAME = pN` or
    `NAME init pN`, NAME a local i- or k-variable, pN (parentheses allowed) a
    bare p-field from p4 on.  The first such statement of a name fixes its
    p-field; the parameter is k-rate if a k-variable NAME is assigned that
    p-field with '=', which re-reads it every k-cycle."""
    found = {}
    for stmt in _statements(body):
        m = _ASSIGN_RE.match(stmt)
        if not m or m.group(1)[0] not in "ik":
            continue
        name, op, rhs = m.group(1), m.group(2), m.group(3).strip()
        while rhs.startswith("(") and rhs.endswith(")"):
            rhs = rhs[1:-1].strip()
        pm = re.fullmatch(r"p(\d+)", rhs)
        if not pm or int(pm.group(1)) < 4:
            continue
        pidx = int(pm.group(1))
        dynamic = op == "=" and name[0] == "k"
        if name not in found:
            found[name] = [name, pidx, "k" if dynamic else "i", stmt.strip()]
        elif dynamic and found[name][1] == pidx:
            found[name][2] = "k"
            found[name][3] = stmt.strip()
    return [tuple(v) for v in found.values()]


# csoundengine's inline header: a line starting `|` or `{` and a name of an i-,
# k- or S-variable opens it; the first line (from that one) ending in the same
# kind of delimiter closes it.  Inside: `name` or `name=default`, comma separated.
_HEADER_OPEN_RE = re.compile(r"^([|{])\s*[ikS]\w+")
_HEADER_ARG_RE = re.compile(r'^([ikS][A-Za-z0-9_]*)\s*(?:=\s*(.*))?$')
_NUMBER_RE = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_PFIELD_USE_RE = re.compile(r"\bp(\d+)\b")


def _strip_comment(line):
    """The line without a trailing `;` or `//` comment (outside strings)."""
    quoted = False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif not quoted and (c == ";" or line.startswith("//", i)):
            return line[:i]
    return line


def parse_header(body, instrname="?"):
    """The inline header of an instrument body, as csoundengine reads it
    (instrtools.detectInlineArgs / parseInlineArgs): ({name: default or None},
    first line, number of lines), or (None, 0, 0) without one.  A header
    default is a number, or a quoted string for an S-variable; a name without
    one has none (0, or "" for a string).  Raises ValueError naming the bad
    part."""
    lines = body.split("\n")
    for first, line in enumerate(lines):
        s = _strip_comment(line).strip()
        m = _HEADER_OPEN_RE.match(s)
        if m:
            break
    else:
        return None, 0, 0
    close = "|" if m.group(1) == "|" else "}"
    text = []
    for last in range(first, len(lines)):
        s = _strip_comment(lines[last]).strip()
        text.append(s[1:] if last == first else s)
        if s.endswith(close) and (last > first or len(s) > 1):
            text[-1] = text[-1][:-1]
            break
    else:
        raise ValueError("instrument %r: the parameter header opened by %r on line %d is not closed with %r"
                         % (instrname, m.group(1), first + 1, close))
    args = {}
    for part in ",".join(text).split(","):
        part = part.strip()
        if not part:
            continue
        am = _HEADER_ARG_RE.match(part)
        if not am:
            raise ValueError("instrument %r: bad parameter %r in the header on line %d "
                             "(write kNAME=default, iNAME or SNAME=\"text\")" % (instrname, part, first + 1))
        name, val = am.group(1), am.group(2)
        if name in args:
            raise ValueError("instrument %r: parameter %r is declared twice in the header" % (instrname, name))
        if val is None:
            args[name] = None
        elif name[0] == "S":
            if not (len(val) >= 2 and val[0] == val[-1] == '"'):
                raise ValueError("instrument %r: the default of string parameter %r must be quoted, got %s"
                                 % (instrname, name, val))
            args[name] = val[1:-1]
        elif _NUMBER_RE.match(val):
            args[name] = float(val)
        else:
            raise ValueError("instrument %r: the default of parameter %r must be a number, got %s"
                             % (instrname, name, val))
    return args, first, last - first + 1


def _pfields_used(body):
    """The p-field numbers a body mentions in code (comments and strings aside)."""
    used = set()
    for stmt in _statements(body):
        used.update(int(n) for n in _PFIELD_USE_RE.findall(stmt))
    return used


class Instr:
    """An instrument defined by defInstr: its code and its named parameters with
    their p-field indices and defaults.

    Parameters come from three places (doc/python.md, "Named parameters"):
    the body's `kNAME = pN` / `iNAME = pN` statements (ondes' own rule,
    _find_params), csoundengine's inline header `|kfreq=440, kamp=0.1, ibus|`
    (or `{…}`), and `args={'kfreq': 800}`.  Names of the header and of args
    that the body does not assign get p-fields as csoundengine gives them: in
    order of declaration, from p5 (p4 is the Session's), after every p-field
    the body itself mentions; the header is replaced by `NAME = pN` lines.
    `args` overrides a header default."""

    def __init__(self, name, body, args=None):
        if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise ValueError("invalid instrument name %r" % (name,))
        if not isinstance(body, str):
            raise TypeError("instrument %r: the body must be a string, got %r" % (name, type(body).__name__))
        self.name = name
        self.originalBody = body
        self.args = dict(args or {})
        header, hfirst, hcount = parse_header(body, name)
        lines = body.split("\n")
        rest = "\n".join(lines[:hfirst] + [""] * hcount + lines[hfirst + hcount:]) if header is not None else body
        declared = dict(header or {})
        for k, v in self.args.items():
            if isinstance(k, int):
                k = "p%d" % k
            declared[k] = v
        found = _find_params(rest)
        self.params = {p[0]: p[1] for p in found}          # name -> p-field index
        self.paramRates = {p[0]: p[2] for p in found}      # name -> 'k', 'i' or 'S'
        self._paramSource = {p[0]: p[3] for p in found}
        self.defaults = {}
        used = _pfields_used(rest)
        nextp = max([5] + [p + 1 for p in used if p >= 4])
        decls = []
        for k, v in declared.items():
            if re.match(r"^p\d+$", k):
                self.defaults[k] = v
                continue
            if k not in self.params:
                if not re.match(r"^[ikS][A-Za-z0-9_]*$", k):
                    raise ValueError("instrument %r: parameter %r must be the name of an i-, k- or S-variable "
                                     "(kfreq, iamp, Sfile)" % (name, k))
                self.params[k] = nextp
                self.paramRates[k] = "S" if k[0] == "S" else k[0]
                self._paramSource[k] = "%s = p%d" % (k, nextp)
                decls.append(self._paramSource[k])
                nextp += 1
            if v is not None:
                if self.paramRates[k] == "S" and not isinstance(v, str):
                    raise ValueError("instrument %r: the default of string parameter %r must be a string, got %r"
                                     % (name, k, v))
                self.defaults[k] = _value(v)
            elif self.paramRates[k] == "S":
                self.defaults[k] = ""
        # the declarations take the header's place (or go first): the body's
        # line numbers after it move only if the header is shorter than they are
        if header is None:
            hfirst = hcount = 0
        decl_lines = decls + [""] * (hcount - len(decls))
        self.body = "\n".join(lines[:hfirst] + decl_lines + lines[hfirst + hcount:]) if decl_lines else body
        self._linemap = (hfirst, len(decl_lines), hcount)

    def sourceLine(self, n):
        """The line of the body as written for line n (1-based) of the code ondes
        compiles; a generated declaration is the header's first line."""
        start, generated, written = self._linemap
        if n <= start:
            return n
        if n <= start + generated:
            return start + 1
        return n - generated + written

    def mapErrors(self, text, prefix=""):
        """An error text of ondes with `LINE:COL:` positions after the regular
        expression `prefix` in the code it compiled turned into positions in the
        body as written."""
        return re.sub(r"(%s)(\d+)(:\d+:)" % prefix,
                      lambda m: m.group(1) + str(self.sourceLine(int(m.group(2)))) + m.group(3), text)

    # --- csoundengine's names for what the instrument knows ------------------
    @property
    def pfieldNameToIndex(self):
        return dict(self.params)

    @property
    def pfieldIndexToName(self):
        return {i: n for n, i in sorted(self.params.items(), key=lambda kv: -kv[1])}

    def paramNames(self, aliases=True, aliased=False):
        return sorted(self.params, key=lambda k: self.params[k])

    pfieldNames = paramNames

    def dynamicParamNames(self, aliases=True, aliased=False):
        """The parameters set() and automate() can change while the note plays."""
        return frozenset(k for k, r in self.paramRates.items() if r == "k")

    def paramDefaultValues(self, aliases=True, aliased=False):
        """Every parameter with its default (0 when none was given)."""
        return {k: self.defaults.get(k, 0.0) for k in self.paramNames()}

    def pfieldIndex(self, name, default=None):
        if re.match(r"^p\d+$", name):
            return int(name[1:])
        if name in self.params:
            return self.params[name]
        if default is not None:
            return default
        raise self._unknown(name)

    def register(self, session):
        """Define this instrument in a session (csoundengine's Instr.register)."""
        session.registerInstr(self)

    def _unknown(self, name):
        return ValueError("instrument %r has no parameter %r (it has: %s)"
                          % (self.name, name, ", ".join(self.paramNames()) or "none"))

    def check(self, names, dynamic=False):
        """Raise ValueError unless every name is a parameter (or pN); with
        dynamic, one that set/automate can change while the note plays."""
        for k in names:
            if re.match(r"^p\d+$", k):
                continue
            if k not in self.params:
                raise self._unknown(k)
            if dynamic and self.paramRates[k] != "k":
                dyn = [n for n in self.paramNames() if self.paramRates[n] == "k"]
                raise ValueError("parameter %r of instrument %r is read only at i-time (%s): sched gives it, "
                                 "set and automate cannot change it (its k-rate parameters: %s)"
                                 % (k, self.name, self._paramSource[k], ", ".join(dyn) or "none"))

    def schedArgs(self, pfields, params):
        """The /sched arguments after id, instrument, delay, dur: p-fields by
        position (from p5 as in csoundengine, p4 if the instrument names p4) then
        name value pairs, defaults for the parameters not given.  String values
        go by position (ondes takes names with numbers only)."""
        self.check(params)
        first = 4 if 4 in self.params.values() else 5
        pos = [0] * (first - 4) + [_value(v) for v in pfields]
        covered = set(range(4, 4 + len(pos)))
        given = [(k, _value(v)) for k, v in params.items()]
        covered.update(self.pfieldIndex(k) for k, _ in given)
        given += [(k, v) for k, v in self.defaults.items() if self.pfieldIndex(k) not in covered]
        if not any(isinstance(v, str) for _, v in given):
            return pos + [x for kv in given for x in kv]
        # a string among the named values: every p-field by position
        vals = dict(enumerate(pos, 4))
        for k, v in given:
            vals[self.pfieldIndex(k)] = v
        return [vals.get(i, 0) for i in range(4, max(vals) + 1)]

    def __repr__(self):
        return "Instr(%r, params=%r)" % (self.name, self.params)
