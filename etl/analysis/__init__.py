"""The read side: which published figure stands for a place, metric and period, and why.

- ``periods``: period windows and the presets the pages offer;
- ``areas``: police areas that are not one province (Polda Metro Jaya, the 2023 Papua Poldas, combined entries);
- ``population``: the denominator of every per-capita rate, with its source;
- ``conflicts``: documented disagreements between sources, per metric and period;
- ``figures``: the one function that chooses the figure every page and export shows;
- ``events``: the same prevention event reported several times, counted once;
- ``freshness``: the newest national figure of each series and its age.
"""
