"""``normtk gazetteer``: validate, count, look up and list styles of gazetteer data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from normtk.cli import app
from normtk.cli._options import GazetteerOption
from normtk.cli._output import Format, emit_json, emit_table

gazetteer_app = typer.Typer(
    help="Validate gazetteer data, show statistics, look up names and list house styles.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


@gazetteer_app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Gazetteer files or directories to check with the bundled data."),
    ] = None,
    bundled: Annotated[
        bool, typer.Option(help="Include the bundled gazetteer and $NORMTK_GAZETTEER_PATH.")
    ] = True,
    output_format: FormatOption = Format.table,
) -> None:
    """Check gazetteer data; print each problem as file:line: entity-id: message.

    Exits 1 if there is any problem.
    """
    from normtk.gazetteer import validate as check

    problems = check(paths or (), bundled=bundled)
    if output_format is Format.json:
        emit_json({"ok": not problems, "problems": problems})
    elif problems:
        typer.echo("\n".join(problems))
        typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", err=True)
    else:
        typer.echo("ok", err=True)
    if problems:
        raise typer.Exit(1)


@gazetteer_app.command()
def stats(gazetteer: GazetteerOption = None, output_format: FormatOption = Format.table) -> None:
    """Count entities by type and country, and aliases by kind and origin."""
    from normtk.gazetteer import Gazetteer

    counts = Gazetteer.load(gazetteer or ()).stats()
    if output_format is Format.json:
        emit_json(counts)
        return
    rows = [
        {"group": group, "key": key, "count": count}
        for group, table in counts.items()
        for key, count in table.items()
    ]
    emit_table(rows)


@gazetteer_app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A name in any spelling, or an entity id.")],
    gazetteer: GazetteerOption = None,
    output_format: FormatOption = Format.table,
) -> None:
    """Show the entities a name can refer to, with their forms and aliases.

    Exits 1 if nothing matches.
    """
    from normtk.gazetteer import Gazetteer

    gaz = Gazetteer.load(gazetteer or ())
    found = gaz.lookup(name)
    if not found:
        typer.echo(f"no entity known as {name!r}", err=True)
        raise typer.Exit(1)
    records: list[dict[str, Any]] = []
    for entity, alias in found:
        record = entity.to_dict(gaz.generated.get(entity.id))
        records.append(
            {**record, "matched": alias.text, "matched_as": f"{alias.kind}:{alias.origin}"}
        )
    if output_format is Format.json:
        emit_json(records)
        return
    for record in records:
        typer.echo(f"{record['id']} ({record['type']}, {record['country'] or '-'})")
        typer.echo(f"  matched {record['matched']!r} as {record['matched_as']}")
        typer.echo(f"  defined at {record['defined_at']}")
        for part, forms in record["forms"].items():
            typer.echo(f"  {part}: " + ", ".join(f"{k}={v}" for k, v in forms.items()))
        for lang, default in record["default"].items():
            typer.echo(f"  default {lang}: {default['form']} — {default['why']}")
            for source in default["sources"]:
                typer.echo(f"    source: {source}")
        emit_table(record["aliases"], ["text", "kind", "origin"])


@gazetteer_app.command()
def styles(gazetteer: GazetteerOption = None, output_format: FormatOption = Format.table) -> None:
    """List output languages and their named house styles."""
    from normtk.gazetteer import Gazetteer

    gaz = Gazetteer.load(gazetteer or ())
    rows = [
        {"lang": code, "style": "(default)", "description": lang.name}
        for code, lang in gaz.languages.items()
    ]
    rows += [
        {"lang": code, "style": style.name, "description": style.description}
        for code, lang in gaz.languages.items()
        for style in lang.styles.values()
    ]
    rows.sort(key=lambda r: (r["lang"], r["style"] != "(default)", r["style"]))
    if output_format is Format.json:
        emit_json(rows)
    else:
        emit_table(rows)
