"""Translation commands without the translate extra: clear errors, and a fast --help."""

from __future__ import annotations

import subprocess
import sys


def test_missing_extra_names_the_install_command() -> None:
    # Hide ctranslate2 as if the extra were not installed, then run the command.
    code = (
        "import sys; sys.modules['ctranslate2'] = None; "
        "sys.argv = ['normtk', 'translate', '--from', 'es', '--to', 'en']; "
        "from normtk.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input=b"Hola\n", capture_output=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "normtk: error: Translation (normtk translate, normtk models, normtk pipeline) "
        "requires extra dependencies; install them with:\n"
        "    pip install 'normtk[translate]'\n"
    )


def test_help_imports_no_translation_library() -> None:
    code = (
        "import sys\n"
        "from normtk.cli import app\n"
        "for args in (['--help'], ['translate', '--help'], ['models', '--help']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'argostranslate', 'ctranslate2', 'sentencepiece', 'torch', 'stanza'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.decode().splitlines()[-1] == "[]"
