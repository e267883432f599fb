package seclang

func init() { registerOp("detectXSS", noArg) }
