"""Time zones beyond the pack's, for a reader's sites file, run inside Pyodide.

Pyodide has no time zone database, and the pack holds the ``tzdata`` zones of the demo sites
only (``statsref.docsgen.python_runtime``). A sites file may name any IANA zone: when one it
names cannot be found, ``ensure`` fetches every zone once, through the worker's synchronous
``fetch_zones`` (a JS function returning the build's ``tzdata-<hash>.zip``, one file per zone
named by its key), writes them to a folder and makes that folder ``zoneinfo``'s search path.

Why a search path rather than more ``tzdata`` packages: ``zoneinfo`` reads a zone of ``tzdata``
through the package of its area (``tzdata.zoneinfo.America``), which is imported already from
the pack and holds only the pack's zones, so a zone beside them would need those packages
dropped from ``sys.modules`` and imported again from elsewhere. ``zoneinfo`` looks on its search
path first, and remembers no zone it failed to find, so the next lookup finds the new ones.
"""

import io
import tomllib
import zipfile
import zoneinfo

FOLDER = "/tmp/zoneinfo"
_fetch_zones = None
_fetched = False


def install(fetch_zones):
    """Give ``ensure`` the worker's fetch of every zone (the worker calls it once Python runs;
    without it, as in CPython, whose ``zoneinfo`` has every zone, ``ensure`` does nothing)."""
    global _fetch_zones
    _fetch_zones = fetch_zones


def ensure(text):
    """Make every zone the sites file ``text`` names findable, when the full set has it."""
    global _fetched
    if _fetched or _fetch_zones is None or not any(_missing(name) for name in named_in(text)):
        return
    with zipfile.ZipFile(io.BytesIO(_fetch_zones().to_bytes())) as archive:
        archive.extractall(FOLDER)
    zoneinfo.reset_tzpath([FOLDER])
    _fetched = True


def named_in(text):
    """The ``timezone`` of each ``[[sites]]`` table of a sites file, as far as it can be read
    (the loader reports whatever else is wrong with it)."""
    try:
        sites = tomllib.loads(text).get("sites")
    except tomllib.TOMLDecodeError:
        return []
    tables = sites if isinstance(sites, list) else []
    return [t["timezone"] for t in tables if isinstance(t, dict) and isinstance(t.get("timezone"), str)]


def _missing(name):
    """Whether ``name`` is a key ``zoneinfo`` looks up and does not find."""
    try:
        zoneinfo.ZoneInfo(name)
    except zoneinfo.ZoneInfoNotFoundError:
        return True
    except (ValueError, OSError):  # not a zone's key ("../x", "America"): no file makes it one
        return False
    return False
