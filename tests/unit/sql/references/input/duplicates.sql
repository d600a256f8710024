SELECT * FROM t JOIN T ON true JOIN t ON true
