"""The currencies a revenue goal may use: ISO 4217's current codes, with their minor units.

The minor units (digits after the decimal point) scale the amounts the generator draws for a
revenue goal, so a goal in yen sells for thousands and one in euros for tens. Codes withdrawn
from the standard (``HRK``, ``SLL``, ``ZWL``, ``ANG``, ...) and the precious-metal and testing
codes (``XAU``, ``XTS``, ...) are not offered.
"""

from __future__ import annotations

from .tables import At, shown

_BY_DIGITS = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
    2: (
        "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
        "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR "
        "FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR "
        "KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV "
        "MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR "
        "SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH "
        "USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG"
    ),
}

MINOR_UNITS: dict[str, int] = {
    code: digits for digits, codes in _BY_DIGITS.items() for code in codes.split()
}
"""Current ISO 4217 code -> digits after the decimal point."""


def check_currency(at: At, key: str, currency: str) -> None:
    """Fail at ``key`` unless ``currency`` is a current ISO 4217 code."""
    if currency not in MINOR_UNITS:
        hint = f"; did you mean {currency.upper()!r}?" if currency.upper() in MINOR_UNITS else ""
        at.fail(key, f"{shown(currency)} is not an ISO 4217 currency code such as 'EUR'{hint}")
