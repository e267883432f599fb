package seclang

func init() { registerOp("rbl", nonEmptyArg) }
