// A placeholder entry point: the CLI commands, the Kestrel API and the progress display replace it.
Console.WriteLine("Meridian local host: commands arrive with the next change.");
return 0;
