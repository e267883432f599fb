package seclang

func init() { registerOp("unconditionalMatch", noArg) }
