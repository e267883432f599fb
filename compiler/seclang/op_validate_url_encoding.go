package seclang

func init() { registerOp("validateUrlEncoding", noArg) }
