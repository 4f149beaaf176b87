namespace Platform;
