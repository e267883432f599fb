package seclang

func init() { registerOp("noMatch", noArg) }
