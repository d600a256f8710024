SELECT * FROM données JOIN "日本 表" ON true
