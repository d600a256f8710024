SELECT `a;b`, `we``ird` FROM `t`; SELECT 2
