"""Units: surface forms after (or before) a figure -> canonical unit, class and dimension.

Canonical symbols follow what the comparison stage and the NewsQuant scorer expect
("t", "km/h", "USD", "%"). Pint supplies the dimensionality used as a blocking key,
so "kt" and "t" land in the same block and can later be converted; currencies are
never converted (their dimension is the ISO code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.text import singular

PERCENT = "percent"
CURRENCY = "currency"
LOCAL_DOLLAR = "$ (local)"  # a dollar that is not the US dollar, its country unsaid
PHYSICAL = "physical"
COUNT = "count"

TONS_NOTE = "'tons' is ambiguous: short ton (907.2 kg) or metric tonne (1000 kg); read as metric tonnes"
AGE_NOTE = "an age"  # "61-year-old", "72 years old", "Maria Lopez, 72,": a time measured as how old someone is


@dataclass(frozen=True, slots=True)
class Unit:
    canonical: str
    unit_class: str
    dimension: str
    surface: str = ""
    note: str | None = None


# ----------------------------------------------------------------------------- pint

_PINT: dict[str, Any] = {}


def ureg() -> Any:
    """The Pint registry, built once on first use (it takes ~0.1 s)."""
    if "ureg" not in _PINT:
        import pint

        _PINT["ureg"] = pint.UnitRegistry()
    return _PINT["ureg"]


@lru_cache(maxsize=512)
def pint_dimension(expr: str) -> str | None:
    """Pint dimensionality of a unit expression, or None (dimensionless / unknown)."""
    try:
        dim = ureg().get_dimensionality(ureg().parse_units(expr))
    except Exception:
        return None
    text = str(dim)
    return None if text in ("dimensionless", "") else text


# -------------------------------------------------------------------- physical units

# canonical symbol, Pint expression (None: no physical dimension), word forms (regex,
# case-insensitive), symbols (regex, case-sensitive). Words get an optional plural.
_PHYSICAL_TABLE: list[tuple[str, str | None, str, str]] = [
    # commodity desks write metric tonnes "mt" or "MT" ("44.37 million mt"); Pint would read "mt" as millitonnes
    ("t", "metric_ton", r"metric[ -]tonnes?|metric[ -]tons?|tonnes?|tons?", r"t|mt|MT"),
    ("kt", "kilotonne", r"kilotonnes?|kilotons?", r"kt"),
    ("Mt", "megatonne", r"megatonnes?|megatons?", r"Mt"),
    ("Gt", "gigatonne", r"gigatonnes?|gigatons?", r"Gt"),
    ("kg", "kilogram", r"kilogrammes?|kilograms?|kilos?", r"kg|kgs"),
    ("mg", "milligram", r"milligrammes?|milligrams?", r"mg"),
    ("g", "gram", r"grammes?|grams?", r"g"),
    ("lb", "pound", r"pounds?", r"lbs?\.?"),
    ("oz", "ounce", r"troy ounces?|fluid ounces?|ounces?", r"oz"),
    ("km2", "kilometer**2", r"square kilometres?|square kilometers?|sq\.? ?km", r"km²|km2"),
    ("m2", "meter**2", r"square metres?|square meters?|sq\.? ?m|sqm", r"m²|m2"),
    ("ft2", "foot**2", r"square feet|square foot|sq\.? ?ft\.?|sqft", r"ft²|ft2"),
    ("mi2", "mile**2", r"square miles?|sq\.? ?mi", r"mi²"),
    ("ft3", "foot**3", r"cubic feet|cubic foot|cu\.? ?ft", r"ft³|ft3"),
    ("m3", "meter**3", r"cubic metres?|cubic meters?", r"m³|m3"),
    ("ha", "hectare", r"hectares?", r"ha"),
    ("acre", "acre", r"acres?", r""),
    ("mph", "mile/hour", r"miles per hour|miles an hour|miles-per-hour|m\.p\.h\.?", r"mph"),
    ("km/h", "kilometer/hour", r"kilometres per hour|kilometers per hour|kilometres an hour", r"km/h|kmh|kph|km/hr"),
    ("m/s", "meter/second", r"metres per second|meters per second", r"m/s"),
    ("mpg", "mile/gallon", r"miles per gallon|miles-per-gallon", r"mpg"),
    ("rpm", "revolutions_per_minute", r"revolutions per minute", r"rpm"),
    ("km", "kilometer", r"kilometres?|kilometers?", r"km|kms"),
    ("cm", "centimeter", r"centimetres?|centimeters?", r"cm"),
    ("mm", "millimeter", r"millimetres?|millimeters?", r"mm"),
    ("µm", "micrometer", r"micrometres?|micrometers?|microns?", r"µm|μm"),
    ("nm", "nanometer", r"nanometres?|nanometers?", r"nm"),
    ("m", "meter", r"metres?|meters?", r"m"),
    ("mi", "mile", r"miles?", r"mi"),
    ("yd", "yard", r"yards?", r"yds?"),
    ("ft", "foot", r"feet|foot", r"ft|′"),
    ("in", "inch", r"inches|inch", r"″|in\."),
    ("mL", "milliliter", r"millilitres?|milliliters?", r"ml|mL"),
    ("L", "liter", r"litres?|liters?", r"L|l"),
    ("gal", "gallon", r"gallons?", r"gal"),
    ("pt", "pint", r"pints?", r""),
    ("qt", "quart", r"quarts?", r"qt"),
    # oil output: "1.3mn b/d", "2mn boe/d", "900,000 bpd" (a day's barrels, as "barrels per day" reads)
    ("barrel/day", "barrel", r"barrels? (?:of oil equivalent )?(?:per|a) day", r"bpd|b/d|bbl/d|boe/d|boepd|BOE/d"),
    ("barrel", "barrel", r"barrels?", r"bbl|bbls|boe|BOE"),
    ("kn", "knot", r"knots?", r"kn"),
    ("hp", "horsepower", r"horsepower|brake horsepower", r"hp|bhp|HP"),
    ("lbft", "foot*pound_force", r"pound-feet|pound-foot|foot-pounds?|lb-ft|lb ft", r""),
    ("N*m", "newton*meter", r"newton[- ]metres?|newton[- ]meters?", r"Nm"),
    ("°C", "degC", r"degrees? celsius|degrees? centigrade|celsius|centigrade", r"°C|℃|º ?C|° C|C(?=\s[a-z]|[.,;]|$)"),
    ("°F", "degF", r"degrees? fahrenheit|fahrenheit", r"°F|℉|º ?F|° F|F(?=\s[a-z]|[.,;]|$)"),
    ("deg", None, r"degrees?", r"°|º"),
    ("kWh", "kilowatt_hour", r"kilowatt[- ]hours?", r"kWh"),
    ("MWh", "megawatt_hour", r"megawatt[- ]hours?", r"MWh"),
    ("GWh", "gigawatt_hour", r"gigawatt[- ]hours?", r"GWh"),
    ("TWh", "terawatt_hour", r"terawatt[- ]hours?", r"TWh"),
    ("kW", "kilowatt", r"kilowatts?", r"kW"),
    ("MW", "megawatt", r"megawatts?", r"MW"),
    ("GW", "gigawatt", r"gigawatts?", r"GW"),
    ("TW", "terawatt", r"terawatts?", r"TW"),
    ("W", "watt", r"watts?", r"W"),
    ("mAh", "milliampere_hour", r"milliamp(?:ere)?[- ]hours?", r"mAh"),
    ("kV", "kilovolt", r"kilovolts?", r"kV"),
    ("V", "volt", r"volts?", r"V"),
    ("GHz", "gigahertz", r"gigahertz", r"GHz"),
    ("MHz", "megahertz", r"megahertz", r"MHz"),
    ("kHz", "kilohertz", r"kilohertz", r"kHz"),
    ("Hz", "hertz", r"hertz", r"Hz"),
    ("TB", None, r"terabytes?", r"TB"),
    ("GB", None, r"gigabytes?", r"GB"),
    ("MB", None, r"megabytes?", r"MB"),
    ("kB", None, r"kilobytes?", r"kB|KB"),
    ("Gbps", "gigabit/second", r"gigabits? per second", r"Gbps"),
    ("Mbps", "megabit/second", r"megabits? per second", r"Mbps"),
    ("ppm", None, r"parts per million", r"ppm"),
    ("ppb", None, r"parts per billion", r"ppb"),
    ("psi", "psi", r"pounds per square inch", r"psi"),
    ("kcal", "kilocalorie", r"kilocalories?", r"kcal"),
    ("cal", "calorie", r"calories?", r"cal"),
    ("dB", None, r"decibels?", r"dB"),
    ("GPa", "gigapascal", r"gigapascals?", r"GPa"),
    ("MPa", "megapascal", r"megapascals?", r"MPa"),
    ("kPa", "kilopascal", r"kilopascals?", r"kPa"),
    ("magnitude", None, r"magnitude", r""),  # an earthquake's, on the moment magnitude scale
    ("point", None, r"points?|pts?\.?", r""),
    ("century", "century", r"century|centuries", r""),
    ("decade", "decayear", r"decades?", r""),  # Pint's "decade" is a logarithmic ratio: ten years it is not
    ("year", "year", r"years?[- ]olds?|years?|yrs?", r""),
    ("month", "month", r"months?", r""),
    ("week", "week", r"weeks?", r""),
    ("day", "day", r"days?", r""),
    ("h", "hour", r"hours?|hrs?", r"h"),
    ("min", "minute", r"minutes?|mins?", r"min"),
    ("s", "second", r"seconds?|secs?", r""),
]

_PINT_EXPR = {canon: expr for canon, expr, _, _ in _PHYSICAL_TABLE if expr}


# units that are a fixed share of another, with no Pint definition: rate moves, and a currency's minor unit
FIXED_UNITS: dict[str, tuple[str, float]] = {
    "bp": ("pp", 0.01), "cent": ("USD", 0.01), "p": ("GBP", 0.01), "sen": ("MYR", 0.01),
}
_FIXED_BASES = {base for base, _ in FIXED_UNITS.values()}


def fixed_base(unit: str | None) -> tuple[str, float] | None:
    """The unit ``unit`` is a fixed share of, and the share ("cent/share" -> ("USD/share", 0.01)); a base
    unit is its own (1.0); None for any other unit."""
    if not unit:
        return None
    head, slash, per = unit.partition("/")
    if head in _FIXED_BASES:
        return unit, 1.0
    if head not in FIXED_UNITS:
        return None
    base, factor = FIXED_UNITS[head]
    return base + slash + per, factor


@lru_cache(maxsize=256)
def conversion_factor(source: str, target: str) -> float | None:
    """How many ``target`` units one ``source`` unit is (mph -> km/h: 1.609), by Pint; None when they don't convert.

    Only physical units convert: currencies and counts have no factor without a rate table.
    """
    if source == target:
        return 1.0
    fs, ft = fixed_base(source.removesuffix("/share")), fixed_base(target.removesuffix("/share"))
    if fs and ft:  # 25 basis points are a quarter percentage point; 39 cents (a share) are $0.39
        return fs[1] / ft[1] if fs[0] == ft[0] else None
    src, dst = _PINT_EXPR.get(source), _PINT_EXPR.get(target)
    if not src or not dst:
        return None
    try:
        return float(ureg().Quantity(1.0, src).to(dst).magnitude)
    except Exception:
        return None


@lru_cache(maxsize=256)
def base_factor(unit: str | None) -> float:
    """How many base units (SI; percentage points for rate moves; the major unit of a currency's minor one)
    one ``unit`` is; 1 when it has none."""
    fixed = fixed_base(unit)
    if fixed:
        return fixed[1]
    expr = _PINT_EXPR.get(unit or "")
    if not expr:
        return 1.0
    try:
        return float(ureg().Quantity(1.0, expr).to_base_units().magnitude)
    except Exception:
        return 1.0


_SPEED_OF = {"mi": ("mph", "mile/hour"), "km": ("km/h", "kilometer/hour")}
# "(298 km) per hour" after the first unit, "km) per hour" after the second
_PER_HOUR = re.compile(r"\s*(?:\([^()]{1,40}\)|\))\s*(?:per|an|a)\s+hour\b", re.I)
_WORDY = re.compile(r"[A-Za-z]")
_SPACED_LETTERS = {"W", "V", "C", "F"}


def _compile_physical() -> list[tuple[re.Pattern[str], str, str | None]]:
    out = []
    for canon, pint_expr, words, syms in _PHYSICAL_TABLE:
        if words:
            out.append((re.compile(rf"(?:{words})(?![A-Za-z0-9])", re.I), canon, pint_expr))
        if syms:
            out.append((re.compile(rf"(?:{syms})(?![A-Za-z0-9²³])"), canon, pint_expr))
    return out


_PHYSICAL = _compile_physical()

_PERCENT = [
    # "percentage points", and the loose "20% points" / "1.7 per cent points" some copy prints for them
    (re.compile(r"(?:percentage|percent|per cent|%)[- ]?points?(?![A-Za-z])|pp(?![A-Za-z])", re.I), "pp"),
    (re.compile(r"basis[- ]points?(?![A-Za-z])|bps?(?![A-Za-z])", re.I), "bp"),
    (re.compile(r"%|per[ -]?cent(?:-owned)?(?![A-Za-z])|pct\.?(?![A-Za-z])|pc(?![A-Za-z])", re.I), "%"),
]

# currency written after the figure ("10.5 million Australian dollars", "150 ringgit")
_CURRENCY_WORDS: list[tuple[str, str]] = [
    (r"(?:US|U\.S\.|American) dollars?", "USD"),
    (r"Australian dollars?", "AUD"),
    (r"Canadian dollars?", "CAD"),
    (r"Hong Kong dollars?", "HKD"),
    (r"New Zealand dollars?", "NZD"),
    (r"Singapore(?:an)? dollars?", "SGD"),
    (r"Taiwan(?:ese)? dollars?", "TWD"),
    (r"dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"pounds? sterling|sterling", "GBP"),
    (r"(?:Japanese )?yen", "JPY"),
    (r"(?:Chinese )?yuan|renminbi", "CNY"),
    (r"ringgit", "MYR"),
    (r"(?:Indian )?rupees?|crore rupees", "INR"),
    (r"Danish (?:crowns|kroner|krone)", "DKK"),
    (r"Swedish (?:crowns|kronor|krona)", "SEK"),
    (r"Norwegian (?:crowns|kroner|krone)", "NOK"),
    (r"(?:new )?shekels?", "ILS"),
    (r"Swiss francs?", "CHF"),
    (r"(?:South Korean )?won(?= in| of|[.,;)]|$)", "KRW"),
    (r"roubles?|rubles?", "RUB"),
    (r"(?:South African )?rand", "ZAR"),
    (r"kuna", "HRK"),
    (r"bitcoins?", "BTC"),
    (r"cents?", "cent"),
    (r"sen", "sen"),
    (r"pence|p", "p"),
]
_CURRENCY_AFTER = [(re.compile(rf"(?:{w})(?![A-Za-z])", re.I if code != "p" else 0), code)
                   for w, code in _CURRENCY_WORDS]
_ISO = ("USD|EUR|GBP|JPY|CNY|RMB|MYR|SGD|AUD|CAD|HKD|INR|CHF|KRW|NZD|ZAR|DKK|SEK|NOK|RUB|BRL|MXN|IDR|THB|"
        "PHP|VND|TWD|AED|SAR|TRY|PLN|ILS|HRK|BTC")
_ISO_AFTER = re.compile(rf"(?:{_ISO})(?![A-Za-z])")

# currency written before the figure; longest alternatives first
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>US ?\$|U\.S\. ?\$|\$US|\$A|\$C|\$NZ|A\$|AU\$|C\$|CA\$|HK ?\$|NZ ?\$|S\$|R\$|NT\$|RM|"
    r"Rs\.?|Y=|"
    rf"(?:{_ISO}))|(?P<sym>[$€£¥₹₩₪₱฿]))\s?$"
)
_PREFIX_CODES = {
    "US$": "USD", "U.S.$": "USD", "$US": "USD", "$A": "AUD", "$C": "CAD", "$NZ": "NZD", "A$": "AUD",
    "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "HK$": "HKD",
    "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "NT$": "TWD", "RM": "MYR", "Rs": "INR", "Rs.": "INR",
    "Y=": "JPY", "RMB": "CNY", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR", "₩": "KRW",
    "₪": "ILS", "₱": "PHP", "฿": "THB",
}
_YEN_CONTEXT = re.compile(r"\byen\b|\bJapan", re.I)


def currency_before(text: str, pos: int, sentence: str = "") -> tuple[Unit, int] | None:
    """A currency symbol or code ending at ``pos`` (spaces allowed): the unit and where it starts."""
    window = text[max(0, pos - 8):pos]
    m = _CURRENCY_BEFORE.search(window)
    if not m:
        return None
    surface = (m.group("code") or m.group("sym")).replace(" ", "")
    code = _PREFIX_CODES.get(surface, surface)
    if code == "RMB":
        code = "CNY"
    if surface == "¥" and _YEN_CONTEXT.search(sentence or text):
        code = "JPY"
    start = pos - len(window) + m.start()
    return Unit(code, CURRENCY, code, surface), start


def currency_after(text: str, pos: int) -> tuple[Unit, int] | None:
    """A currency word or ISO code starting at ``pos`` (leading spaces skipped)."""
    m0 = re.match(r"\s?", text[pos:])
    p = pos + (m0.end() if m0 else 0)
    best: tuple[Unit, int] | None = None
    sym = re.match(r"[€$£¥₹]", text[pos:pos + 1])
    if sym:
        code = _PREFIX_CODES[sym.group(0)]
        return Unit(code, CURRENCY, code, sym.group(0)), pos + 1
    m = _ISO_AFTER.match(text, p)
    if m:
        code = "CNY" if m.group(0) == "RMB" else m.group(0)
        best = (Unit(code, CURRENCY, code, m.group(0)), m.end())
    for rx, code in _CURRENCY_AFTER:
        m = rx.match(text, p)
        if m and (best is None or m.end() > best[1]):
            best = (Unit(code, CURRENCY, code, m.group(0)), m.end())
    return best


def percent_after(text: str, pos: int) -> tuple[Unit, int] | None:
    m0 = re.match(r"[ \u00a0]?", text[pos:])
    p = pos + (m0.end() if m0 else 0)
    for rx, canon in _PERCENT:
        m = rx.match(text, p)
        if m:
            dim = "%" if canon == "%" else canon
            return Unit(canon, PERCENT, dim, m.group(0)), m.end()
    return None


def physical_after(text: str, pos: int, attached_ok: bool = True) -> tuple[Unit, int] | None:
    """Longest physical-unit surface starting at ``pos`` (a space or two before it: copy often doubles one)."""
    m0 = re.match(r"[ \u00a0\u202f]{0,2}", text[pos:])
    p = pos + (m0.end() if m0 else 0)
    best: tuple[re.Match[str], str, str | None] | None = None
    for rx, canon, pint_expr in _PHYSICAL:
        m = rx.match(text, p)
        if m and (best is None or m.end() > best[0].end()):
            best = (m, canon, pint_expr)
    if best is None:
        return None
    m, canon, pint_expr = best
    surface = m.group(0)
    if canon in _SPEED_OF:  # "185 miles (298 kilometers) per hour": the rate comes after the conversion, for both
        rate = _PER_HOUR.match(text, m.end())
        if rate:
            canon, pint_expr = _SPEED_OF[canon]
    # one-letter symbols ("t", "m", "g", "s", "h", "L") only when glued to the digits
    if len(surface) == 1 and surface.isalpha() and p != pos and surface not in _SPACED_LETTERS:
        return None
    if not attached_ok and p == pos:
        return None
    return make_physical(canon, pint_expr, surface), m.end()


@lru_cache(maxsize=256)
def make_physical(canon: str, pint_expr: str | None, surface: str) -> Unit:
    dim = pint_dimension(pint_expr) if pint_expr else None
    if canon.endswith("/day") and dim:  # a daily rate written as one symbol: as "barrels per day" is read
        return with_rate(Unit(canon.removesuffix("/day"), PHYSICAL, dim, surface), "day", "")
    note = None
    if canon == "t" and re.fullmatch(r"tons?", surface, re.I):
        note = TONS_NOTE
    elif time_unit(canon) and surface.lower().endswith("old"):
        note = AGE_NOTE
    return Unit(canon, PHYSICAL, dim or canon, surface, note)


def time_unit(canon: str) -> bool:
    return canon in {"century", "decade", "year", "month", "week", "day", "h", "min", "s"}


_RATE_SEP = re.compile(r"\s*(?:/|\bper\b|-per-|\ba\b|\ban\b|-an?-|\beach\b)\s*", re.I)
_NOT_RATE = re.compile(r"\s+(?:earlier|ago|before|later|after|on|from)\b", re.I)
_RATE_NOUN = re.compile(r"[A-Za-z][A-Za-z.]{1,20}")


_PER_YEAR = re.compile(r"\s*(?:annually|per annum|yearly|every year|each year)(?![A-Za-z])", re.I)


def rate_after(text: str, pos: int, allow_noun: bool = True) -> tuple[str, str, int] | None:
    """A denominator after a unit: "/kg", " per share", " a month"; after money also " annually" (a sum
    a year is compared with the same sum unsaid: grouping keeps both in the currency's block). Returns
    (canon, surface, end). ``allow_noun``: any noun may follow "per" ("$5 per share"), as after money."""
    yearly = _PER_YEAR.match(text, pos) if allow_noun else None
    if yearly:
        return "year", text[pos:yearly.end()], yearly.end()
    m = _RATE_SEP.match(text, pos)
    if not m or m.end() == pos:
        return None
    sep = m.group(0).strip().lower()
    p = m.end()
    phys = physical_after(text, p, attached_ok=True)
    if phys is not None:
        # "a year ago", "a day after": a time phrase, not a rate; "$85/barrel on Monday" is a rate
        if sep not in ("/", "per", "-per-") and time_unit(phys[0].canonical) and _NOT_RATE.match(text, phys[1]):
            return None
        return phys[0].canonical, text[pos:phys[1]], phys[1]
    if sep in ("/", "per", "-per-") and allow_noun:
        named = _NAMED_DENOMINATOR.match(text, p)
        if named:  # "per Fortune 500 company": the noun after the list's name
            return singular(named.group(1).lower()), text[pos:named.end()], named.end()
        n = _RATE_NOUN.match(text, p)
        if n:
            word = n.group(0).rstrip(".")
            low = word.lower()
            if low in _NOT_DENOMINATORS:
                return None
            return singular(low), text[pos:p + len(word)], p + len(word)
    return None


_NAMED_DENOMINATOR = re.compile(r"(?:[A-Z][\w&]*\s){1,3}\d+\s([a-z][a-z-]+)")
_NOT_DENOMINATORS = {"the", "a", "an", "cent", "percent", "year-on-year", "and", "or", "of", "to"}


def with_rate(unit: Unit, denom: str, surface: str) -> Unit:
    return Unit(f"{unit.canonical}/{denom}", unit.unit_class, f"{unit.dimension}/{denom}",
                unit.surface + surface, unit.note)


def is_wordy(s: str) -> bool:
    return bool(_WORDY.search(s))
