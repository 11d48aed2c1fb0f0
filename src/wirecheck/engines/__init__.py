"""Other places to run the pipeline's stages: :mod:`wirecheck.engines.ray` runs them on a Ray
cluster.  The default engine is the pipeline itself (:func:`wirecheck.pipeline.analyze`), in this
process and its forked extraction workers."""
