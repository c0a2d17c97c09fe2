"""From a notebook to pages: Papermill execution, nbconvert exporters, PDF tagging, the index."""
