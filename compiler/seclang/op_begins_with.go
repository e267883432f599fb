package seclang

func init() { registerOp("beginsWith", anyArg) }
