"""What a reader sees: sentences, charts, maps, captioned tables and page fragments."""
