SELECT * FROM a, b AS bb, "c d" cd, db.e WHERE a.x = bb.x
