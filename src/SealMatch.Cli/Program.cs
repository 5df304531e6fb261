Console.WriteLine("sealmatch: commands arrive with the engine");
return 0;
