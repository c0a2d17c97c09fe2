"""The survey as data: the questionnaire and codebook, the regions, country names."""
