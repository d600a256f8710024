SELECT E'it\'s; fine', e'\\'; SELECT 'a\'; SELECT X'41', U&'d\0061t'
