package seclang

func init() { registerOp("contains", anyArg) }
