"""Understanding: intent-file schema and loader, classifier, slot extractors, spoken numbers."""
