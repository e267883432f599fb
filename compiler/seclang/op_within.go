package seclang

func init() { registerOp("within", anyArg) }
