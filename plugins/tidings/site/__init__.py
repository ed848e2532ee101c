"""The multilingual story site, independent of the generator: editions, plan, head, pages."""
