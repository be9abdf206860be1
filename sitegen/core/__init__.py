"""The ground every other part stands on: records, diagnostics, settings, registries, YAML.

Owns the frozen records passed between stages (records.py), the diagnostics
every command reports problems with (diagnostics.py), site.yaml (config.py),
the people, topic, place and outlet registries (registries.py), YAML read
with the line of every value (yamldoc.py, plainyaml.py, yamlwording.py), typed
reading of a mapping with errors collected (fields.py), ids and slugs (ids.py), text
files (textfile.py), which files may be read (sourcefiles.py), what a walk keeps of
each file (file_stats.py), languages,
fingerprints and text similarity.

Imports nothing of sitegen's other parts.
"""
