"""Batch embedding of huge corpora on a Ray cluster, and importing the result into a library.

The optional extra ``clamp2-engine[ray]`` brings Ray Data and pyarrow.  Nothing
here is imported by the desktop app or by ``import clamp2_engine``; the CLI
imports these modules only when ``clamp2 embed-cluster`` or
``clamp2 import-embeddings`` runs, and only :mod:`.embed_job` imports Ray.

Pipeline (one module each):

* :mod:`.manifest` - which files: a folder walked like a library scan, or a
  ``.txt`` / ``.parquet`` list of paths;
* :mod:`.shards` - the deterministic plan (sorted paths cut into shards of K
  files, each named by its position and a digest of its paths), the Parquet
  schema, atomic shard writes, and the ``_job.json`` describing the run;
* :mod:`.convert` - CPU work for one shard: hash, parse and patch every file
  with the scanner's own code (:func:`clamp2_engine.scanner.parse_file`);
* :mod:`.embed_job` - the Ray Data job: CPU tasks convert, an actor pool that
  loads the model once per actor embeds each shard and writes it;
* :mod:`.importer` - shards -> catalog rows and embeddings, index built once.
"""
