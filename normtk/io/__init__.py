"""Reading and writing the files normtk works on."""
