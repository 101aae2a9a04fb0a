"""Database engines behind the GraphStore protocol: embedded FalkorDB and Neo4j 5."""
