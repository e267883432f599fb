package seclang

func init() { registerOp("endsWith", anyArg) }
