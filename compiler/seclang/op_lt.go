package seclang

func init() { registerOp("lt", numericArg) }
